"""The exchange file of a wave's responses: its layout (`indeling`), reading it (`bestanden`) and
checking it against the wave (`controle`). The pages use `bevraging.services_uitwisseling`."""

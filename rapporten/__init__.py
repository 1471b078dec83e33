"""Report jobs: PDF reports rendered in the background by Celery (issue 8).

- `models`: a report job (`Rapportjob`) and a batch of them (`Rapportbatch`), with their
  visibility (`zichtbaar_voor`);
- `soorten`: the kinds of report the apps declare in their `<app>/rapporten.py` (found when the
  app registry is ready), and making one report (`maak_pdf`);
- `services`: starting jobs and batches (idempotent), running one job, finishing a batch;
- `tasks`: the Celery tasks (queue `rapporten`), thin wrappers around the services;
- `opslag`: the private storage the PDFs and ZIPs go to (never under MEDIA_URL);
- `views` / `urls`: the pages (namespace "rapporten").
"""

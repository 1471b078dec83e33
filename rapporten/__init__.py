"""Report jobs: PDF reports rendered in the background by Celery (issue 8).

- `models`: a report job (`Rapportjob`) and a batch of them (`Rapportbatch`), with their
  visibility (`zichtbaar_voor`);
- `soorten`: per kind of report its parameters, title, file name, context and template;
- `services`: starting jobs and batches (idempotent), running one job, finishing a batch;
- `tasks`: the Celery tasks (queue `rapporten`), thin wrappers around the services;
- `opslag`: the private storage the PDFs and ZIPs go to (never under MEDIA_URL);
- `views` / `urls`: the pages (namespace "rapporten").
"""

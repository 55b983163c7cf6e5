"""Background work (issue 8): a Huey queue, job records in the database, and the job kinds.

- ``queue``: the Huey instance (SQLite file in the data directory, or Redis) and `JobQueue`.
- ``signals``: live progress and cancel requests, through the queue's storage.
- ``runner``: claims a job, runs its kind, records how it ended; ``context`` is what a kind sees.
- ``watchdog``: heartbeats, and re-queueing the jobs of dead workers (and lost queue messages).
- ``workers``: consumers, embedded in `annota serve` or standalone (`annota worker`).
- ``service``: submit, cancel and describe jobs (what the API calls).
- ``kinds``: the registry of job kinds, one module each: ``imports``, ``exports``, ``tracking``.
"""

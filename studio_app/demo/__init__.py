"""Demo data: generated ledgers for demonstrations, manual testing and the benchmarks.

Not a use case of the app, so kept apart from :mod:`studio_app.services`: the generators
build on the services and storage (never the other way round) and write in bulk for speed.

- :mod:`.studio`: a studio's members, residents and years of records (``studio-app demo``);
  :mod:`.proposals` (proposal-type records), :mod:`.activities` (member activities, with
  :mod:`.activity_text` their texts) and :mod:`.generic` (records of the other generic kinds)
  are its parts, :mod:`.text` its word pools and sentence templates; :mod:`.marker` tells
  whether the open database holds demo data.
- :mod:`.county`: the county office's demo (``studio-app demo --county``), made of demo
  studios' real packages; :mod:`.county_work` does the county's work on their records.
"""

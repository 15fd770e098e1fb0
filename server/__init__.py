"""The composition root: builds the service from the HTTP edge (api/), the pages (web/) and the adapters."""

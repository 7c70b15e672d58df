"""Helpers of ``bench real``: metrics (``metrics``) and the page renders (``render``)."""

"""The domain: plain typed Python, no Qt and no SQL."""

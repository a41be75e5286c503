"""The test suite, split by layer: core/, cli/, ui/, system/ and shared support/."""

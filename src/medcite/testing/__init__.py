"""Small honest doubles for every port, shipped with the library (for tests and examples)."""

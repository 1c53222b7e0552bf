"""medcite: an offline clinical evidence answer engine with machine-verified citations."""

__version__ = "0.1.0"

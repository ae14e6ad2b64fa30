"""Zone Atlas (投资合作热力图): an investment cooperation heat map for development zones."""

__version__ = "0.1.0"

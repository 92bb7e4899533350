"""factcheck: fact-check the market claims in news articles against real market data."""

__version__ = "0.1.0"

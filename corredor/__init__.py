"""Corredor: labor-rights petitions, testimonies and sign-ons across the North American
trade corridor."""

__version__ = "0.1.0"

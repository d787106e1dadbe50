"""Small shared helpers: email, catalogs, serving and the demonstration data."""

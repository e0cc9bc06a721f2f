"""The ground floor: the schema, the columnar Network, the settings and the errors."""

"""Flask-WTF forms, one module per domain. Labels and messages are lazily translated."""

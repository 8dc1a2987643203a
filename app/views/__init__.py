"""Blueprints, one per audience. Views call services and render templates; they never query."""

"""Blueprints, one package per audience. Views call services and render templates; they never query.

young_person, practitioner, reviewing_officer, advocate, duty and admin are packages with one module per feature
and one blueprint each (in their blueprint.py); auth and public are single modules; shared holds the helpers
more than one audience uses.
"""

"""a young person who has an advocate may ask the advocacy service for someone else instead: the request keeps who
that advocate was, so they are not told of it and cannot see it

Revision ID: 0018_advocacy_someone_else
Revises: 0017_family_time_clock
"""

import sqlalchemy as sa
from alembic import op

revision = "0018_advocacy_someone_else"
down_revision = "0017_family_time_clock"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("advocacy_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("instead_of_advocate_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_advocacy_requests_instead_of_advocate_id_users"), "users", ["instead_of_advocate_id"], ["id"]
        )


def downgrade():
    with op.batch_alter_table("advocacy_requests", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_advocacy_requests_instead_of_advocate_id_users"), type_="foreignkey")
        batch_op.drop_column("instead_of_advocate_id")

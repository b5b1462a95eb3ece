"""Keep spaCy's analysis of each sentence

Revision ID: 0003_sentence_analysis
Revises: 0002_document_pipeline
Create Date: 2026-11-21 22:12:12.982964

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0003_sentence_analysis"
down_revision = "0002_document_pipeline"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("sentence", schema=None) as batch_op:
        # Existing rows get an empty analysis; the pipeline revision that brought this
        # column makes the next ingest fill it in.
        batch_op.add_column(
            sa.Column("analysis", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )


def downgrade():
    with op.batch_alter_table("sentence", schema=None) as batch_op:
        batch_op.drop_column("analysis")

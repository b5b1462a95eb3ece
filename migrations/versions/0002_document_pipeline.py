"""Record the pipeline that ingested each document

Revision ID: 0002_document_pipeline
Revises: 0001_corpus
Create Date: 2026-11-21 22:09:07.160732

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0002_document_pipeline"
down_revision = '0001_corpus'
branch_labels = None
depends_on = None


def upgrade():
    # Existing documents get an empty pipeline, so the next ingest re-processes them.
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('pipeline', sa.String(length=120), nullable=False, server_default='')
        )


def downgrade():
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_column('pipeline')

"""Articles and their analyses.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``articles`` and ``analyses``."""
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source_url", sa.Text(), nullable=True),
        sa.Column("source_domain", sa.String(length=255), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_articles_content_hash")),
    )
    op.create_index(op.f("ix_articles_source_domain"), "articles", ["source_domain"])
    op.create_table(
        "analyses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("model_versions", sa.String(length=500), nullable=False),
        sa.Column("analysis_path", sa.String(length=8), nullable=False),
        sa.Column("reliability_score", sa.Float(), nullable=True),
        sa.Column("reliability_label", sa.String(length=16), nullable=True),
        sa.Column("signal_count", sa.Integer(), nullable=False),
        sa.Column("report", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_analyses_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_analyses")),
        sa.UniqueConstraint(
            "article_id", "model_versions", name=op.f("uq_analyses_article_id_model_versions")
        ),
    )
    op.create_index(op.f("ix_analyses_article_id"), "analyses", ["article_id"])
    op.create_index(op.f("ix_analyses_created_at"), "analyses", ["created_at"])


def downgrade() -> None:
    """Drop both tables."""
    op.drop_index(op.f("ix_analyses_created_at"), table_name="analyses")
    op.drop_index(op.f("ix_analyses_article_id"), table_name="analyses")
    op.drop_table("analyses")
    op.drop_index(op.f("ix_articles_source_domain"), table_name="articles")
    op.drop_table("articles")

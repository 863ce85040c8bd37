"""Batch stage: analyse whole corpora (CSV, TSV, JSONL, Parquet or a folder) into result rows.

Entry points: :func:`run_batch` (resumable, loss-free, local processes or Ray) and
:func:`write_summary_html` (a corpus overview of the results).
"""

from veracity.batch.readers import InputSpec
from veracity.batch.runner import BatchJob, BatchSummary, run_batch
from veracity.batch.summary import summarize_results, write_summary_html
from veracity.batch.writers import read_results

__all__ = [
    "BatchJob",
    "BatchSummary",
    "InputSpec",
    "read_results",
    "run_batch",
    "summarize_results",
    "write_summary_html",
]

"""Read datasets: the canonical tables, checked as a whole, and adapters for real layouts.

Everything here is all or nothing: a dataset with any problem is refused with every
problem listed (file, row, column, value and what was expected), and nothing is changed.
"""

from __future__ import annotations

from csrating.errors import DatasetRefused
from csrating.ingest.canonical_csv import write_inspections_csv, write_table_csv
from csrating.ingest.dataset import Dataset
from csrating.ingest.ees import EesConversion, convert_ees
from csrating.ingest.lait import LaitConversion, convert_lait
from csrating.ingest.load import load_dataset, read_table, validate_dataset
from csrating.ingest.manifest import DatasetManifest, read_manifest, write_manifest
from csrating.ingest.ofsted_csc import OfstedConversion, convert_ofsted_csc
from csrating.ingest.report import LoadReport, TableSummary, format_report

__all__ = [
    "Dataset",
    "DatasetManifest",
    "DatasetRefused",
    "EesConversion",
    "LaitConversion",
    "LoadReport",
    "OfstedConversion",
    "TableSummary",
    "convert_ees",
    "convert_lait",
    "convert_ofsted_csc",
    "format_report",
    "load_dataset",
    "read_manifest",
    "read_table",
    "validate_dataset",
    "write_inspections_csv",
    "write_manifest",
    "write_table_csv",
]

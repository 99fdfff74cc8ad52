"""Read datasets: the canonical tables, checked as a whole, and adapters for real layouts.

Everything here is all or nothing: a dataset with any problem is refused with every
problem listed (file, row, column, value and what was expected), and nothing is changed.
Each adapter is a pure ``convert_*`` function (files in, canonical frames and counts of
what was skipped out); :func:`write_conversion` writes what any of them converted, the
tables and ``dataset.toml`` together.
"""

from __future__ import annotations

from csrating.errors import DatasetRefused
from csrating.ingest.adapted import Conversion, write_adapted, write_conversion
from csrating.ingest.canonical_csv import write_inspections_csv, write_table_csv
from csrating.ingest.dataset import Dataset
from csrating.ingest.ees import EesConversion, convert_ees
from csrating.ingest.lait import LaitConversion, convert_lait
from csrating.ingest.load import load_dataset, read_table, validate_dataset
from csrating.ingest.manifest import DatasetManifest, read_manifest, write_manifest
from csrating.ingest.ofsted_csc import convert_ofsted_csc
from csrating.ingest.ofsted_la import CouncilInspectionConversion, convert_la_inspections
from csrating.ingest.ofsted_providers import OfstedConversion, convert_ofsted_providers
from csrating.ingest.ofsted_schools import SchoolConversion, convert_ofsted_schools
from csrating.ingest.report import LoadReport, TableSummary, format_report

__all__ = [
    "Conversion",
    "CouncilInspectionConversion",
    "Dataset",
    "DatasetManifest",
    "DatasetRefused",
    "EesConversion",
    "LaitConversion",
    "LoadReport",
    "OfstedConversion",
    "SchoolConversion",
    "TableSummary",
    "convert_ees",
    "convert_la_inspections",
    "convert_lait",
    "convert_ofsted_csc",
    "convert_ofsted_providers",
    "convert_ofsted_schools",
    "format_report",
    "load_dataset",
    "read_manifest",
    "read_table",
    "validate_dataset",
    "write_adapted",
    "write_conversion",
    "write_inspections_csv",
    "write_manifest",
    "write_table_csv",
]

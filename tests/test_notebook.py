"""The notebook in examples/ runs top to bottom in a fresh kernel."""

from __future__ import annotations

import pytest
from paths import ROOT

NOTEBOOK = ROOT / "examples" / "notebook.ipynb"


def test_the_example_notebook_runs_top_to_bottom(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path))  # matplotlib's cache, not the home's
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    assert not any(cell.get("outputs") for cell in notebook.cells), "commit it without outputs"
    client = nbclient.NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError with the cell's traceback on a failure
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code)
    errors = [o for cell in code for o in cell.outputs if o.output_type == "error"]
    assert errors == []
    text = "".join(
        o.get("text", "") + o.get("data", {}).get("text/plain", "")
        for cell in code
        for o in cell.outputs
    )
    assert "acquisition" in text and "PageRank" in text and "ties=" in text
    figures = [o for cell in code for o in cell.outputs if "image/png" in o.get("data", {})]
    assert len(figures) == 1  # the 80/20 curve


def test_the_readme_notebook_example_runs():
    import re

    import networkx as nx
    import pyarrow as pa

    import netgraph

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = next(
        b for b in re.findall(r"```python\n(.*?)```", readme, flags=re.S) if "score_table" in b
    )
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert isinstance(namespace["table"], pa.Table) and isinstance(namespace["graph"], nx.Graph)
    assert isinstance(namespace["again"], netgraph.Network)
    # every column the table has is one of the README's column patterns
    section = readme[readme.index("## In a notebook") :]
    rows = re.findall(r"^\| `([^|]+?)`[^|]*\| ([^|]+?) \|", section, flags=re.M)
    patterns = [
        re.escape(name)
        .replace("<value>", "[a-z]+")
        .replace(r"<component>", "[a-z_]+")
        .replace("<number>", "[a-z_]+")
        .replace("<point>", "[a-z_]+")
        for name, _ in rows
    ]
    patterns += ["name"]
    for column in namespace["table"].column_names:  # type: ignore[attr-defined]
        assert any(re.fullmatch(p, column) for p in patterns), column

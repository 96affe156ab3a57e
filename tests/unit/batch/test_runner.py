"""Running one chapter: the notebook's parameters are checked before anything is computed
(scope, sector, dataset, `exact`, the build's snapshot), and a failure in the notebook
comes back as the error the command line knows, before any kernel starts when it can."""

from __future__ import annotations

import pytest

from helpers.batch.fingerprints import chapter_fingerprints
from helpers.batch.runner import execute_chapter, validate_parameters
from helpers.core.errors import InputError
from helpers.inputs import snapshot
from helpers.inputs.dataset import load_dataset
from helpers.inputs.manifest import read_manifest
from helpers.sample.generate import add_people

HTS = "Protection (Human Trafficking and Smuggling)"
DA = "# of people receiving assistance and protection services"
ACTIVITIES = (
    "Country,Appealing_org,Implementation,Month,Subsector,Indicator,New_beneficiaries\n"
    f"Colombia,Org A,No,2023-01,{HTS},{DA},40\n"
    f"Peru,Org B,No,2023-02,{HTS},{DA},20\n"
)
INDICATORS = (
    f"CODE,Sector/Subsector/WG,Indicator,Indicator Type\nRE-PRHT3,{HTS},{DA},Direct Assistance\n"
)
MANIFEST = (
    "name: tiny\nperiod: {start: 2023-01, end: 2023-03}\n"
    "activities: activities.csv\nindicators: indicators.csv\n"
)


@pytest.fixture(scope="module")
def tiny_folder(tmp_path_factory, make_dataset):
    """A two-row HTS dataset (Colombia 40, Peru 20) without optional sources."""
    return make_dataset(
        tmp_path_factory.mktemp("tiny"),
        {"activities.csv": ACTIVITIES, "indicators.csv": INDICATORS},
        MANIFEST,
    )


def test_validate_parameters_rejects_unknown_scope_and_sector(tiny_folder):
    folder = tiny_folder
    with pytest.raises(InputError, match="unknown scope 'Atlantis'"):
        validate_parameters(data=folder, scope="Atlantis")
    # one sector check for the notebook and the build (inputs.dataset.check_sector)
    with pytest.raises(
        InputError,
        match="sector 'Shelter' is not in this dataset's 5W rows nor in its indicator reference",
    ):
        validate_parameters(data=folder, sector="Shelter", scope="COL")
    with pytest.raises(InputError, match="exact must be True or False"):
        validate_parameters(data=folder, scope="COL", exact="yes")
    with pytest.raises(InputError, match="does not exist"):
        validate_parameters(data=folder / "nowhere", scope="COL")
    p = validate_parameters(data=folder, scope="Colombia", sector=HTS.upper())
    # the sector as the dataset spells it, whatever its spelling in the parameter
    assert p.scope == "COL" and p.sector == HTS and p.data == folder
    assert p.documents is None  # outside a build: computed by the chapter itself


def test_validate_parameters_reads_the_builds_snapshot(sample_copy, snapshot_root, sample_folder):
    """(was R4V_BUILD_CACHE_KEY) With `snapshot`, the dataset and the figures documents are
    the build's, even when the files changed since."""
    m = read_manifest(sample_copy)
    entry = snapshot.ensure_cache(sample_copy, snapshot_root)
    chapter_fingerprints(entry, m, sector=m.sector, scopes=["region"], template=None, params={})
    add_people(sample_copy, "Mexico")  # the data changed during the build
    p = validate_parameters(data=sample_copy, scope="MEX", snapshot=str(entry))
    now = validate_parameters(data=sample_copy, scope="MEX")
    assert p.sector == m.sector and p.documents is not None
    assert p.dataset.inputs == load_dataset(sample_folder).inputs
    assert p.dataset.inputs != now.dataset.inputs
    with pytest.raises(InputError, match="sector 'Shelter'"):
        validate_parameters(data=sample_copy, scope="MEX", sector="Shelter", snapshot=str(entry))


def test_an_input_error_in_the_notebook_is_an_input_error_here(
    tmp_path, monkeypatch, sample_folder
):
    """The notebook's parameter check raises InputError in the kernel; papermill reports it
    as a failed cell; execute_chapter raises it as the InputError the CLI knows (exit 2)."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    def failing(*args, **kwargs):
        raise PapermillExecutionError(
            cell_index=3,
            exec_count=2,
            source="params = validate_parameters(...)",
            ename="InputError",
            evalue="column 'sector': sector 'Shelter' is not in the "
            "indicator reference nor in the 5W rows",
            traceback=[],
        )

    monkeypatch.setattr(papermill, "execute_notebook", failing)
    with pytest.raises(InputError, match="sector 'Shelter' is not in the indicator reference"):
        execute_chapter("COL", data=sample_folder, sector="Shelter", out_dir=tmp_path)
    assert not list(tmp_path.iterdir())


def test_unknown_scope_fails_before_any_kernel_starts(tmp_path):
    with pytest.raises(InputError, match="unknown scope"):
        execute_chapter("Atlantis", out_dir=tmp_path, kernel_name="no-such-kernel")

"""Importing LinkedIn exports and vCards into a network folder."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
import zipfile
from datetime import date
from pathlib import Path
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netgraph.importers._linkedin import LinkedInContact
from netgraph.importers._merge import ImportSummary, import_sources, merge_contacts, read_sources
from netgraph.importers._vcard import VCardContact
from netgraph.io._textio import as_written, network_from_dict, read_folder
from netgraph.model._errors import ConfigError, DataError, NetgraphError

DATA = Path(__file__).parent / "data" / "import"
LINKEDIN = DATA / "linkedin" / "Connections.csv"
LINKEDIN_2017 = DATA / "linkedin-2017" / "Connections.csv"
APPLE = DATA / "apple-3.0.vcf"
OUTLOOK = DATA / "outlook-2.1.vcf"
V4 = DATA / "contacts-4.0.vcf"
SAMPLES = [LINKEDIN, LINKEDIN_2017, APPLE, OUTLOOK, V4]
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of a folder (hidden ones too) with its bytes."""
    # .netgraph.lock: the lock an import holds while it writes (see netgraph.io._folder)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != ".netgraph.lock"}


def people(folder: Path) -> list[dict[str, str]]:
    """The rows of people.csv as read back (a cell a spreadsheet would run has a quote)."""
    text = (folder / "people.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO(text, newline=""))
    return [{k: as_written(v) for k, v in row.items()} for row in rows]


def ties(folder: Path) -> list[dict[str, str]]:
    text = (folder / "ties.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def by_name(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    out = {row["name"]: row for row in rows}
    assert len(out) == len(rows), "a name occurs twice"
    return out


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- a new folder ----------------------------------------------------------------------


def test_import_the_samples_into_a_new_folder(tmp_path: Path) -> None:
    folder = tmp_path / "network"
    summary = import_sources(SAMPLES, folder, member="marieke", member_name="Marieke Jansen")
    assert summary == ImportSummary(
        folder=str(folder),
        member="marieke",
        member_created=True,
        files_read=tuple(str(p) for p in SAMPLES),
        files_skipped=(),
        contacts_read=17,
        people_added=13,
        people_updated=0,
        people_unchanged=0,
        ties_added=13,
        written=True,
    )
    assert summary.changed
    network = read_folder(folder)  # a valid network folder
    assert network.member_ids == ("marieke",)
    assert sorted(p.name for p in folder.iterdir()) == [".netgraph.lock", "people.csv", "ties.csv"]

    rows = by_name(people(folder))
    assert rows["Marieke Jansen"]["member"] == "yes"
    # LinkedIn and Outlook: the same profile address, with and without a trailing slash
    anouk = rows["Anouk Schrödinger"]
    assert anouk["id"].startswith("anouk-schrodinger-")
    assert anouk["organisation"] == "Lumen Coaching"
    assert anouk["email"] == "anouk@lumencoaching.nl"
    assert anouk["linkedin"] == "https://www.linkedin.com/in/anouk-schrodinger"
    assert anouk["position"] == "Loopbaancoach"
    assert anouk["phone"] == "+31 30 234 5678"
    assert ",'+31 30 234 5678," in (folder / "people.csv").read_text(encoding="utf-8")
    assert "coöperatieve" in anouk["note"]
    # LinkedIn and Apple: the profile address in another case, plus a second address
    jan_willem = rows["Jan-Willem van den Bosch"]
    assert jan_willem["email"] == "jw@boschenzonen.nl"
    assert jan_willem["emails"] == "jwvdbosch@gmail.com"
    assert jan_willem["website"] == "https://boschenzonen.nl"
    # LinkedIn and vCard 4.0: the same e-mail address in another case
    zoe = rows["Zoë Öztürk"]
    assert zoe["linkedin"] == "https://www.linkedin.com/in/zoe-ozturk-4b1a2c3"
    assert zoe["email"] == "zoe.ozturk@buurtkracht.nl"  # LinkedIn came first
    assert zoe["emails"] == "zoe.ozturk@example.com"
    # Apple's X-SOCIALPROFILE and LinkedIn's URL
    assert rows["Fleur de Wit"]["organisation"] == "Atelier de Wit"
    assert rows["Henk Jansen"]["linkedin"] == ""

    member_ties = {t["b"]: t for t in ties(folder)}
    assert all(t["a"] == "marieke" and t["strength"] == "3" for t in member_ties.values())
    assert set(member_ties) == {row["id"] for row in rows.values()} - {"marieke"}
    assert member_ties[anouk["id"]]["since"] == "2024-03-15"
    assert member_ties[rows["Jürgen Müller"]["id"]]["since"] == ""


def test_colleagues_share_an_organisation(tmp_path: Path) -> None:
    import_sources([LINKEDIN], tmp_path / "n", member="me")
    rows = by_name(people(tmp_path / "n"))
    assert rows["Sanne Visser"]["organisation"] == rows["Thijs Bakker"]["organisation"]


def test_member_name_defaults_to_the_id(tmp_path: Path) -> None:
    import_sources([LINKEDIN_2017], tmp_path / "n", member="anna")
    assert by_name(people(tmp_path / "n"))["anna"]["member"] == "yes"


def test_a_new_folder_needs_a_member(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--member"):
        import_sources([LINKEDIN], tmp_path / "n")
    assert not (tmp_path / "n").exists()


# -- twice, and in another order --------------------------------------------------------


def test_importing_twice_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "network"
    import_sources(SAMPLES, folder, member="me")
    before = snapshot(folder)
    again = import_sources(SAMPLES, folder)
    assert snapshot(folder) == before
    assert not again.changed
    assert not again.written
    assert (again.people_added, again.people_updated, again.ties_added) == (0, 0, 0)
    assert again.people_unchanged == 13


def test_importing_more_then_all_again_is_stable(tmp_path: Path) -> None:
    folder = tmp_path / "network"
    import_sources([LINKEDIN], folder, member="me")
    second = import_sources([APPLE, OUTLOOK, V4, LINKEDIN_2017], folder)
    assert second.people_updated == 4  # Jan-Willem, Fleur, Anouk, Zoë got more fields
    assert second.people_added == 5  # Jürgen, Pieter-Jan, Henk, Femke, Kees
    after = snapshot(folder)
    import_sources(SAMPLES, folder)
    assert snapshot(folder) == after
    # the same people as importing everything at once (the ids may differ: an id is
    # made from what identified the person when they were first imported)
    at_once = tmp_path / "at-once"
    import_sources(SAMPLES, at_once, member="me")
    assert sorted(r["name"] for r in people(at_once)) == sorted(r["name"] for r in people(folder))


def test_ids_do_not_depend_on_the_order_of_the_sources(tmp_path: Path) -> None:
    import_sources(SAMPLES, tmp_path / "a", member="me")
    import_sources(list(reversed(SAMPLES)), tmp_path / "b", member="me")
    ids_a = sorted((r["id"], r["name"]) for r in people(tmp_path / "a"))
    ids_b = sorted((r["id"], r["name"]) for r in people(tmp_path / "b"))
    assert ids_a == ids_b
    assert (tmp_path / "a" / "ties.csv").read_bytes() == (tmp_path / "b" / "ties.csv").read_bytes()


def test_writing_the_result_again_gives_the_same_bytes(tmp_path: Path) -> None:
    from netgraph.io._textio import write_folder

    folder = tmp_path / "network"
    import_sources(SAMPLES, folder, member="me")
    before = snapshot(folder)
    write_folder(read_folder(folder), folder)
    assert snapshot(folder) == before


# -- the same person in two sources ------------------------------------------------------


def test_linkedin_and_vcard_with_the_same_email_are_one_person(tmp_path: Path) -> None:
    linkedin = write(
        tmp_path / "in" / "Connections.csv",
        HEADER + "\nSanne,Visser,,Sanne@Visser-Partners.nl,Visser & Partners,Fiscalist,"
        "28 Feb 2020\n",
    )
    vcard = write(
        tmp_path / "in" / "sanne.vcf",
        "BEGIN:VCARD\nVERSION:3.0\nFN:S. Visser\nEMAIL:sanne@visser-partners.nl\n"
        "TEL:06-11112222\nEND:VCARD\n",
    )
    summary = import_sources([linkedin, vcard], tmp_path / "n", member="me")
    assert summary.people_added == 1
    (sanne,) = [r for r in people(tmp_path / "n") if r["id"] != "me"]
    assert sanne["name"] == "Sanne Visser"  # the fullest name
    assert sanne["email"] == "Sanne@Visser-Partners.nl"
    assert sanne["phone"] == "06-11112222"
    assert "emails" not in sanne or sanne["emails"] == ""


def test_linkedin_and_vcard_with_the_same_profile_are_one_person(tmp_path: Path) -> None:
    linkedin = write(
        tmp_path / "Connections.csv",
        HEADER + "\nThijs,Bakker,https://www.linkedin.com/in/thijs-bakker,,,,01 Aug 2018\n",
    )
    vcard = write(
        tmp_path / "thijs.vcf",
        "BEGIN:VCARD\nVERSION:4.0\nFN:Thijs Bakker\n"
        "URL:http://NL.linkedin.com/in/Thijs-Bakker/?originalSubdomain=nl\nEND:VCARD\n",
    )
    summary = import_sources([vcard, linkedin], tmp_path / "n", member="me")
    assert summary.people_added == 1
    assert ties(tmp_path / "n")[0]["since"] == "2018-08-01"


def test_a_chain_of_addresses_joins_three_contacts(tmp_path: Path) -> None:
    contacts = [
        VCardContact(name="Lotte de Groot", emails=("lotte@a.nl",), line=1),
        VCardContact(name="Lotte de Groot", emails=("lotte@b.nl", "lotte@a.nl"), line=5),
        VCardContact(
            name="Lotte de Groot",
            emails=("lotte@b.nl",),
            linkedin="https://www.linkedin.com/in/lotte",
            line=9,
        ),
    ]
    network, summary = merge_contacts(None, contacts, "me")
    assert summary.people_added == 1
    lotte = next(r for r in network.rows("people") if r["id"] != "me")
    assert (lotte["email"], lotte["emails"]) == ("lotte@a.nl", "lotte@b.nl")


# -- an existing folder ------------------------------------------------------------------


def hand_made(folder: Path) -> Path:
    write(
        folder / "people.csv",
        "id,name,organisation,email,member,why\n"
        "me,Marieke Jansen,,,yes,\n"
        "anouk,Anouk Schrödinger,Eigen praktijk,,no,brengt klanten aan\n"
        "zoe,Zoë Öztürk,,zoe.ozturk@example.com,no,\n",
    )
    write(folder / "ties.csv", "a,b,strength,since\nme,anouk,5,2015-06-01\n")
    write(folder / "groups.csv", "id,name,kind\nou,Ondernemend Utrecht,network club\n")
    write(folder / "memberships.csv", "person,group\nanouk,ou\n")
    return folder


def test_an_existing_folder_is_filled_in_not_overwritten(tmp_path: Path) -> None:
    folder = hand_made(tmp_path / "network")
    summary = import_sources([LINKEDIN, OUTLOOK, V4], folder)  # its only member: me
    assert summary.member == "me"
    assert not summary.member_created
    rows = by_name(people(folder))
    anouk = rows["Anouk Schrödinger"]  # recognised by name: she had no address yet
    assert anouk["id"] == "anouk"
    assert anouk["organisation"] == "Eigen praktijk"  # kept
    assert anouk["why"] == "brengt klanten aan"  # kept
    assert anouk["email"] == "anouk@lumencoaching.nl"  # filled in
    assert anouk["linkedin"] == "https://www.linkedin.com/in/anouk-schrodinger"
    zoe = rows["Zoë Öztürk"]  # recognised by e-mail address
    assert zoe["id"] == "zoe"
    assert zoe["email"] == "zoe.ozturk@example.com"
    assert zoe["emails"] == "zoe.ozturk@buurtkracht.nl"
    assert summary.people_updated == 2
    tie_rows = ties(folder)
    assert {"a": "me", "b": "anouk", "strength": "5", "since": "2015-06-01", "channel": ""} in (
        tie_rows
    )
    assert sum(1 for t in tie_rows if "anouk" in (t["a"], t["b"])) == 1
    # the other sections are kept
    network = read_folder(folder)
    assert len(network.tables["memberships"]) == 1
    assert next(network.rows("groups"))["name"] == "Ondernemend Utrecht"


def test_an_existing_folder_then_the_same_import_again(tmp_path: Path) -> None:
    folder = hand_made(tmp_path / "network")
    import_sources(SAMPLES, folder)
    before = snapshot(folder)
    assert not import_sources(SAMPLES, folder).written
    assert snapshot(folder) == before


def test_nothing_to_change_leaves_a_hand_made_folder_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "network"
    folder.mkdir()
    # not as netgraph writes it: CRLF, 'ja', columns in another order
    (folder / "people.csv").write_bytes(
        "name,id,email,member\r\nMarieke,me,,ja\r\nZoë,zoe,zoe@example.nl,nee\r\n".encode()
    )
    (folder / "ties.csv").write_bytes(b"b,a\r\nzoe,me\r\n")
    before = snapshot(folder)
    vcard = write(tmp_path / "zoe.vcf", "BEGIN:VCARD\nFN:Zoë\nEMAIL:ZOE@example.nl\nEND:VCARD\n")
    summary = import_sources([vcard], folder)
    assert (summary.people_unchanged, summary.changed, summary.written) == (1, False, False)
    assert snapshot(folder) == before


def test_a_member_must_be_named_when_there_are_several(tmp_path: Path) -> None:
    folder = tmp_path / "club"
    write(folder / "people.csv", "id,name,member\nanna,Anna,yes\nbram,Bram,yes\nc,Cees,no\n")
    with pytest.raises(ConfigError, match="2 members"):
        import_sources([LINKEDIN_2017], folder)
    with pytest.raises(ConfigError, match="not a member"):
        import_sources([LINKEDIN_2017], folder, member="c")
    summary = import_sources([LINKEDIN_2017], folder, member="bram")
    assert summary.ties_added == 3
    assert all(t["a"] == "bram" for t in ties(folder))


def test_a_new_member_in_an_existing_folder(tmp_path: Path) -> None:
    folder = tmp_path / "club"
    write(folder / "people.csv", "id,name,member\nanna,Anna,yes\n")
    summary = import_sources([LINKEDIN_2017], folder, member="sanne", member_name="Sanne Visser")
    assert summary.member_created
    assert read_folder(folder).member_ids == ("anna", "sanne")
    assert by_name(people(folder))["Sanne Visser"]["id"] == "sanne"


# -- who is who, by name ------------------------------------------------------------------


def linkedin_contact(first: str, last: str, url: str = "", line: int = 2) -> LinkedInContact:
    return LinkedInContact(first, last, url, "", "", "", None, line)


def test_a_contact_with_a_name_only_is_the_first_person_of_that_name() -> None:
    existing = network_from_dict(
        {
            "people": [
                {"id": "me", "name": "Me", "member": "yes"},
                {"id": "jan1", "name": "Jan de Vries", "email": "jan@vries.nl"},
                {"id": "jan2", "name": "Jan de Vries"},
                {"id": "henk", "name": "Henk  JANSEN"},
            ]
        }
    )
    contacts = [
        LinkedInContact("Jan", "de Vries", "", "", "Vries & Co", "", None, 2),
        linkedin_contact("Henk", "Jansen", line=3),
        linkedin_contact("Kees", "Bakker", line=4),
    ]
    merged, summary = merge_contacts(existing, contacts)
    assert (summary.people_added, summary.people_updated, summary.people_unchanged) == (1, 1, 1)
    rows = {r["id"]: r for r in merged.rows("people")}
    assert rows["jan1"]["organisation"] == "Vries & Co"
    assert rows["jan2"]["organisation"] == ""
    again, summary = merge_contacts(merged, contacts)
    assert not summary.changed
    assert again == merged


def test_a_person_with_a_name_only_takes_a_new_contact_only_when_it_is_the_one() -> None:
    existing = network_from_dict(
        {"people": [{"id": "me", "name": "Me", "member": "yes"}, {"id": "jan", "name": "Jan"}]}
    )
    one = [VCardContact(name="Jan", emails=("jan@a.nl",))]
    two = [*one, VCardContact(name="Jan", emails=("jan@b.nl",), line=5)]
    _, summary = merge_contacts(existing, one)
    assert (summary.people_added, summary.people_updated) == (0, 1)
    _, summary = merge_contacts(existing, two)
    assert (summary.people_added, summary.people_updated) == (2, 0)  # which Jan? neither


def test_the_member_is_never_matched_by_name() -> None:
    contacts = [linkedin_contact("Anna", "")]
    merged, summary = merge_contacts(None, contacts, "anna")
    assert summary.people_added == 1
    assert [r["name"] for r in merged.rows("people")] == ["anna", "Anna"]
    assert len(merged.tables["ties"]) == 1


def test_different_profiles_with_the_same_name_are_different_people() -> None:
    contacts = [
        linkedin_contact("Jan", "de Vries", "https://www.linkedin.com/in/jan-de-vries-1"),
        linkedin_contact("Jan", "de Vries", "https://www.linkedin.com/in/jan-de-vries-2"),
    ]
    merged, summary = merge_contacts(None, contacts, "me")
    assert summary.people_added == 2
    assert len({r["id"] for r in merged.rows("people")}) == 3


def test_the_member_recognised_by_address_gets_no_tie_to_themselves() -> None:
    existing = network_from_dict(
        {"people": [{"id": "me", "name": "Marieke", "member": "yes", "email": "m@example.nl"}]}
    )
    contacts = [VCardContact(name="Marieke Jansen", emails=("M@example.nl",), title="Coach")]
    merged, summary = merge_contacts(existing, contacts)
    assert (summary.people_added, summary.people_updated, summary.ties_added) == (0, 1, 0)
    assert next(merged.rows("people"))["position"] == "Coach"


def test_merge_contacts_leaves_the_network_given_alone() -> None:
    existing = network_from_dict({"people": [{"id": "me", "name": "Me", "member": "yes"}]})
    copy = network_from_dict({"people": [{"id": "me", "name": "Me", "member": "yes"}]})
    merge_contacts(existing, [linkedin_contact("Anouk", "Smit")])
    assert existing == copy


# -- all or nothing ------------------------------------------------------------------------


def test_a_failing_import_leaves_the_folder_byte_for_byte(tmp_path: Path) -> None:
    folder = tmp_path / "network"
    import_sources([LINKEDIN], folder, member="me")
    before = snapshot(folder)
    bad = write(
        tmp_path / "later" / "Connections.csv",
        HEADER + "\nHenk,Jansen,,,,,05 Apr 2016\nFemke,de Jong,,,,,31 Sep 2017\n",
    )
    with pytest.raises(DataError) as error:
        import_sources([APPLE, bad], folder)
    (problem,) = error.value.problems
    assert (problem.file, problem.line, problem.column) == (str(bad), 3, "Connected On")
    assert snapshot(folder) == before


def test_a_failing_import_does_not_create_the_folder(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.vcf", "BEGIN:VCARD\nVERSION:3.0\nEMAIL:x@y.nl\nEND:VCARD\n")
    with pytest.raises(DataError, match="no name"):
        import_sources([LINKEDIN, bad], tmp_path / "network", member="me")
    assert not (tmp_path / "network").exists()


def test_a_failing_write_leaves_no_new_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_write(network: object, folder: Path) -> None:
        raise OSError("no space left on device")

    monkeypatch.setattr("netgraph.importers._merge.write_folder_locked", failing_write)
    with pytest.raises(OSError, match="no space"):
        import_sources([LINKEDIN], tmp_path / "network", member="me")
    assert not (tmp_path / "network").exists()


def test_an_invalid_existing_folder_is_not_imported_into(tmp_path: Path) -> None:
    folder = tmp_path / "network"
    write(folder / "people.csv", "id,name,member\nme,Me,perhaps\n")
    before = snapshot(folder)
    with pytest.raises(DataError) as error:
        import_sources([LINKEDIN], folder, member="me")
    assert error.value.problems[0].column == "member"
    assert snapshot(folder) == before


def test_a_dry_run_writes_nothing(tmp_path: Path) -> None:
    summary = import_sources(SAMPLES, tmp_path / "n", member="me", dry_run=True)
    assert summary.changed
    assert not summary.written
    assert not (tmp_path / "n").exists()


# -- finding the sources ---------------------------------------------------------------


def test_a_folder_of_sources_skips_other_files(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "export")
    write(
        tmp_path / "export" / "Profile.csv", "First Name,Last Name,Headline\nMarieke,Jansen,Coach\n"
    )
    write(tmp_path / "export" / "readme.txt", "exported from my phone\n")
    write(tmp_path / "export" / ".hidden.vcf", "not a card")
    contacts, read, skipped = read_sources([tmp_path / "export"])
    assert len(contacts) == 17
    assert len(read) == 5
    assert sorted(Path(s).name for s in skipped) == ["Profile.csv", "readme.txt"]


def test_a_linkedin_export_as_downloaded_zip(tmp_path: Path) -> None:
    archive = tmp_path / "Basic_LinkedInDataExport_03-15-2024.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(LINKEDIN, "Connections.csv")
        zf.writestr("Profile.csv", "First Name,Last Name,Headline\nMarieke,Jansen,Coach\n")
        zf.writestr("messages.csv", "CONVERSATION ID,FROM,TO\n")
    summary = import_sources([archive], tmp_path / "n", member="me")
    assert summary.files_read == (f"{archive}/Connections.csv",)
    assert summary.files_skipped == (f"{archive}/Profile.csv", f"{archive}/messages.csv")
    assert summary.people_added == 8


def test_a_file_given_twice_is_read_once(tmp_path: Path) -> None:
    _, read, _ = read_sources([LINKEDIN, LINKEDIN.parent, LINKEDIN])
    assert read == (str(LINKEDIN),)


def test_a_vcard_without_the_usual_suffix_is_recognised(tmp_path: Path) -> None:
    source = write(tmp_path / "contacts.txt", "BEGIN:VCARD\nVERSION:3.0\nFN:Anouk\nEND:VCARD\n")
    contacts, _, _ = read_sources([source])
    assert [c.name for c in contacts if isinstance(c, VCardContact)] == ["Anouk"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("nowhere.csv", None, "does not exist"),
        ("notes.txt", "some notes\n", "neither LinkedIn's Connections.csv"),
        ("people.csv", "id,name\nme,Me\n", "no header of LinkedIn's Connections.csv"),
        ("empty", "", "holds no LinkedIn Connections.csv"),
        ("broken.zip", "not a zip", "not a readable .zip"),
    ],
)
def test_sources_that_cannot_be_imported(
    tmp_path: Path, name: str, content: str | None, message: str
) -> None:
    source = tmp_path / name
    if name == "empty":
        source.mkdir()
    elif content is not None:
        source.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=message):
        import_sources([source], tmp_path / "n", member="me")
    assert not (tmp_path / "n").exists()


def test_no_sources_at_all(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        import_sources([], tmp_path / "n", member="me")


def test_into_a_folder_with_other_csv_files_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    shutil.copy(LINKEDIN, folder / "Connections.csv")
    with pytest.raises(DataError, match="not a file of the data contract"):
        import_sources([folder / "Connections.csv"], folder, member="me")
    assert sorted(p.name for p in folder.iterdir() if p.name != ".netgraph.lock") == [
        "Connections.csv"
    ]


# -- properties -------------------------------------------------------------------------


@given(st.binary(max_size=300), st.sampled_from(["Connections.csv", "contacts.vcf", "x.vcard"]))
def test_any_file_is_imported_or_refused_with_a_netgraph_error(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        source = Path(temporary) / name
        source.write_bytes(data)
        folder = Path(temporary) / "network"
        try:
            import_sources([source], folder, member="me")
        except NetgraphError:
            assert not folder.exists()
        else:
            assert read_folder(folder).member_ids == ("me",)


_pool = st.builds(
    lambda name, email, url, day: (name, email, url, day),
    st.sampled_from(["Anouk Smit", "Jan de Vries", "Zoë Öztürk", "Henk Jansen", "ANOUK SMIT"]),
    st.sampled_from(["", "anouk@a.nl", "ANOUK@a.nl", "jan@b.nl", "zoe@c.nl"]),
    st.sampled_from(
        [
            "",
            "https://www.linkedin.com/in/anouk",
            "linkedin.com/in/Anouk/",
            "https://www.linkedin.com/in/jan",
        ]
    ),
    st.one_of(st.none(), st.dates(min_value=date(2010, 1, 1), max_value=date(2025, 1, 1))),
)


def _contacts(items: list[tuple[str, str, str, date | None]]) -> list[LinkedInContact]:
    return [
        LinkedInContact(name, "", url, email, "", "", day, line)
        for line, (name, email, url, day) in enumerate(items, start=2)
    ]


@given(st.lists(_pool, max_size=8), st.randoms(use_true_random=False))
def test_merging_is_idempotent_and_ids_do_not_depend_on_order(
    items: list[tuple[str, str, str, date | None]], random: Random
) -> None:
    contacts = _contacts(items)
    merged, _ = merge_contacts(None, contacts, "me")
    again, summary = merge_contacts(merged, contacts)
    assert not summary.changed
    assert again == merged
    shuffled = list(contacts)
    random.shuffle(shuffled)
    other, _ = merge_contacts(None, shuffled, "me")
    assert sorted(r["id"] for r in other.rows("people")) == sorted(
        r["id"] for r in merged.rows("people")
    )
    assert sorted(tuple(t.values()) for t in other.rows("ties")) == sorted(
        tuple(t.values()) for t in merged.rows("ties")
    )
    # every contact is someone, tied to the member
    assert len(merged.tables["ties"]) == merged.size - 1


def test_a_name_only_contact_joins_the_one_person_of_that_name_in_any_run() -> None:
    old_export = [linkedin_contact("Henk", "Jansen")]
    vcard = [VCardContact(name="Henk Jansen", emails=("henk@jansen-transport.nl",), line=1)]
    together, summary = merge_contacts(None, [*old_export, *vcard], "me")
    assert summary.people_added == 1
    first, _ = merge_contacts(None, old_export, "me")
    _, summary = merge_contacts(first, vcard)
    assert (summary.people_added, summary.people_updated) == (0, 1)
    first, _ = merge_contacts(None, vcard, "me")
    _, summary = merge_contacts(first, old_export)
    assert (summary.people_added, summary.people_unchanged) == (0, 1)
    assert [r["email"] for r in together.rows("people")] == ["", "henk@jansen-transport.nl"]


@st.composite
def _views(draw: st.DrawFn) -> list[LinkedInContact]:
    """Contacts as partial views of a few people: some share a name, none an address."""
    count = draw(st.integers(min_value=1, max_value=4))
    names = draw(
        st.lists(
            st.sampled_from(["Anouk Smit", "ANOUK  SMIT", "Jan de Vries"]),
            min_size=count,
            max_size=count,
        )
    )
    people = [
        (name, f"p{i}@example.nl", f"https://www.linkedin.com/in/p{i}")
        for i, name in enumerate(names)
    ]
    contacts = []
    for line in range(2, draw(st.integers(min_value=2, max_value=10))):
        name, email, url = draw(st.sampled_from(people))
        show_email, show_url = draw(st.booleans()), draw(st.booleans())
        contacts.append(
            LinkedInContact(
                name, "", url if show_url else "", email if show_email else "", "", "", None, line
            )
        )
    return contacts


@given(_views(), st.integers(min_value=0, max_value=8))
def test_importing_in_two_runs_then_everything_again_changes_nothing(
    contacts: list[LinkedInContact], split: int
) -> None:
    first, _ = merge_contacts(None, contacts[:split], "me")
    second, _ = merge_contacts(first, contacts[split:])
    again, summary = merge_contacts(second, contacts)
    assert not summary.changed, summary
    assert again == second

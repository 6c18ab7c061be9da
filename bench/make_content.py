"""Generate a synthetic Bulletin Feeds content directory for benchmarks.

Writes OUT_DIR/site.yaml and OUT_DIR/editions/NNN.yaml for N monthly editions of the
"Cyber, Digital and Technology Bulletin", each with an intro, a signoff and exactly 25
items of realistic bulletin prose (Markdown paragraphs, bullet lists, inline links and
emphasis) spread over the sections news, events, opportunities, consultations and
resources. Output is deterministic for a given seed and uses only the standard library.

Usage:

    python bench/make_content.py N OUT_DIR [--seed S]
        [--link-hosts HOSTS] [--link-port P] [--links-total L]

By default URLs are realistic https URLs on about 45 public-sector hostnames. With
``--link-hosts`` (an inclusive IPv4 range such as ``127.0.0.2-127.0.0.21`` or a
comma-separated list of ``host[:port]``) every content URL becomes
``http://HOST[:PORT]/e{n}/i{k}/{m}``, spread round-robin over the hosts, and site.yaml has
no ``links:``. ``--links-total L`` (requires ``--link-hosts``) makes the number of
distinct URLs in the whole content exactly L, spread evenly over the hosts; this is
checked after writing. Stale numbered edition files in OUT_DIR/editions are removed.

Example:

    python bench/make_content.py 1000 /tmp/content
    python bench/make_content.py 50 /tmp/links --link-hosts 127.0.0.2-127.0.0.21 \\
        --link-port 8080 --links-total 2000
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import random
import re
import string
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

DEFAULT_SEED = 25
ITEMS_PER_EDITION = 25
FIRST_YEAR = 2000
PUBLISHED_DAY = 6
MAX_EDITIONS = (9998 - FIRST_YEAR) * 12
MAX_HOSTS = 65536
BULLETIN = "Cyber, Digital and Technology Bulletin"

SECTIONS: tuple[tuple[str, str, str, int], ...] = (
    ("news", "News and policy", "Policy updates, announcements and sector news.", 8),
    ("events", "Events", "Webinars, workshops, roundtables and conferences.", 5),
    ("opportunities", "Opportunities", "Funding, pilots, training and programmes.", 4),
    ("consultations", "Consultations and surveys", "Calls for evidence and surveys.", 4),
    ("resources", "Reports and resources", "Guidance, toolkits, reports and case studies.", 4),
)
assert sum(s[3] for s in SECTIONS) == ITEMS_PER_EDITION

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

SIGNOFFS: tuple[tuple[str, str, str, str], ...] = (
    (
        "Owen Mitchell",
        "Head of Cyber, Digital and Technology",
        "Local Government Association",
        "owen.mitchell@local.gov.uk",
    ),
    (
        "Priya Sharma",
        "Senior Adviser, Digital Transformation",
        "Local Government Association",
        "priya.sharma@local.gov.uk",
    ),
    (
        "Gareth Hughes",
        "Programme Manager, Cyber Security",
        "Local Government Association",
        "gareth.hughes@local.gov.uk",
    ),
)

# (topic phrase, tag or "" for none)
TOPICS: tuple[tuple[str, str], ...] = (
    ("cyber resilience", "cyber"),
    ("ransomware preparedness", "cyber"),
    ("incident response planning", "cyber"),
    ("email security", "cyber"),
    ("identity and access management", "cyber"),
    ("supplier assurance", "procurement"),
    ("the procurement of digital services", "procurement"),
    ("contract management for technology suppliers", "procurement"),
    ("data sharing between councils and health partners", "data"),
    ("data maturity", "data"),
    ("information governance", "data"),
    ("geospatial data", "data"),
    ("open data publishing", "data"),
    ("the responsible use of artificial intelligence", "ai"),
    ("generative AI in council services", "ai"),
    ("automation of routine casework", "ai"),
    ("digital inclusion", "digital-inclusion"),
    ("device recycling for residents", "digital-inclusion"),
    ("accessibility of public sector websites", "digital-inclusion"),
    ("cloud migration", "cloud"),
    ("legacy system replacement", "cloud"),
    ("hosting and infrastructure costs", "cloud"),
    ("digital skills for frontline staff", "skills"),
    ("digital leadership", "skills"),
    ("recruitment and retention of technology staff", "skills"),
    ("assistive technology in adult social care", "social-care"),
    ("the analogue to digital switchover", "social-care"),
    ("digital social care records", "social-care"),
    ("user-centred design", ""),
    ("smart places", ""),
    ("broadband and mobile connectivity", ""),
    ("open standards", ""),
)
TAG_VOCAB: tuple[str, ...] = (
    "ai",
    "cyber",
    "data",
    "digital-inclusion",
    "procurement",
    "skills",
    "cloud",
    "social-care",
)

# (name used in prose, short name used in titles and "the X website")
ORGS: tuple[tuple[str, str], ...] = (
    ("the Local Government Association", "LGA"),
    ("the Department for Science, Innovation and Technology", "DSIT"),
    ("the Ministry of Housing, Communities and Local Government", "MHCLG"),
    ("the National Cyber Security Centre", "NCSC"),
    ("the Central Digital and Data Office", "CDDO"),
    ("the Government Digital Service", "GDS"),
    ("the Office for National Statistics", "ONS"),
    ("the Information Commissioner’s Office", "ICO"),
    ("the Local Digital team", "Local Digital"),
    ("NHS England", "NHS England"),
    ("techUK", "techUK"),
    ("Socitm", "Socitm"),
    ("Jisc", "Jisc"),
    ("the Geospatial Commission", "Geospatial Commission"),
    ("the Open Data Institute", "ODI"),
    ("Good Things Foundation", "Good Things Foundation"),
    ("Skills for Care", "Skills for Care"),
    ("the Crown Commercial Service", "CCS"),
)

COUNCILS: tuple[str, ...] = (
    "Leeds City Council",
    "Kent County Council",
    "the London Borough of Camden",
    "Manchester City Council",
    "Bristol City Council",
    "Cornwall Council",
    "Hackney Council",
    "Buckinghamshire Council",
    "Nottinghamshire County Council",
    "Sunderland City Council",
    "Essex County Council",
    "Wigan Council",
    "Newcastle City Council",
    "Surrey County Council",
    "North Yorkshire Council",
    "Stockport Council",
    "Norfolk County Council",
    "Cheshire West and Chester Council",
    "Derby City Council",
    "the Royal Borough of Greenwich",
    "Suffolk County Council",
    "Plymouth City Council",
    "Durham County Council",
    "Leicestershire County Council",
    "Hertfordshire County Council",
    "Oxford City Council",
)

CITIES: tuple[str, ...] = (
    "Manchester",
    "Birmingham",
    "Leeds",
    "Bristol",
    "London",
    "Newcastle upon Tyne",
    "Nottingham",
    "Sheffield",
    "Liverpool",
    "Cambridge",
    "Exeter",
    "Norwich",
    "York",
    "Leicester",
    "Reading",
)
VENUES: tuple[str, ...] = (
    "Smith Square, Westminster, London",
    "Manchester Central, Manchester",
    "The ICC, Birmingham",
    "Leeds Civic Hall, Leeds",
    "Bristol Beacon, Bristol",
    "The Core, Newcastle upon Tyne",
)

TIMED_KINDS = ("webinar", "workshop", "roundtable", "masterclass", "briefing", "drop-in session")
ALL_DAY_KINDS = ("conference", "summit", "showcase", "training day")

VOCAB: dict[str, tuple[str, ...]] = {
    "doc": (
        "new guidance",
        "a practical toolkit",
        "a report",
        "a series of case studies",
        "an updated framework",
        "a self-assessment tool",
        "a good practice guide",
        "a short briefing",
        "a maturity model",
        "a set of principles",
    ),
    "doc_noun": ("guidance", "toolkit", "report", "framework", "guide", "briefing", "playbook"),
    "purpose": (
        "to help councils understand their current position",
        "so that local authorities can plan investment with more confidence",
        "with practical advice on reducing the risk of disruption to services",
        "to support councils in improving outcomes for residents",
        "so that smaller councils can benefit from shared learning",
        "to help senior leaders ask the right questions of their teams",
        "with templates that can be adapted to local circumstances",
    ),
    "goal": (
        "understand their current position",
        "plan investment for the next three years",
        "reduce the risk of disruption to services",
        "improve outcomes for residents",
        "share learning with neighbouring authorities",
        "make better use of the data they already hold",
        "build confidence among elected members",
        "strengthen their supply chains",
        "prepare for forthcoming regulation",
        "design services around the needs of residents",
        "reduce duplication across the sector",
        "test new ideas in a safe environment",
    ),
    "audience": (
        "chief information officers",
        "heads of digital",
        "information governance leads",
        "elected members",
        "directors of adult social services",
        "data protection officers",
        "service managers",
        "IT security teams",
        "procurement officers",
        "portfolio holders",
        "chief executives",
        "data analysts",
    ),
    "challenge": (
        "difficulties recruiting people with the right skills",
        "pressure on budgets and competing priorities",
        "reliance on a small number of suppliers",
        "ageing systems that are costly to maintain",
        "uncertainty about national policy",
        "a lack of reliable data on current performance",
    ),
    "achievement": (
        "completed a cyber security assessment",
        "appointed a senior responsible owner for data",
        "moved at least one major system to the cloud",
        "published an open data strategy",
        "run a digital skills programme for staff",
        "tested their incident response plans",
        "introduced a digital inclusion offer for residents",
        "reviewed contracts with their main technology suppliers",
    ),
    "role": (
        "chief digital officer",
        "head of IT",
        "cabinet member for resources",
        "director of transformation",
        "data protection officer",
    ),
    "impact": (
        "freed up staff time for more complex cases",
        "improved the experience of residents using the service",
        "reduced costs by around a fifth",
        "given members a much clearer picture of the risks",
        "made it easier to work with partners across the area",
    ),
    "impact_adj": ("transformative", "very worthwhile", "surprisingly straightforward", "valuable"),
    "residents": (
        "older residents",
        "people with disabilities",
        "families on low incomes",
        "carers",
        "small businesses",
        "young people leaving care",
    ),
    "count": ("12", "20", "35", "50", "more than 100", "around 40", "nearly 60"),
    "percent": ("38", "45", "52", "61", "67", "73", "81"),
    "amount": ("25,000", "50,000", "75,000", "100,000", "150,000", "250,000"),
    "minutes": ("10", "15", "20"),
    "funder": (
        "the Department for Science, Innovation and Technology",
        "the Ministry of Housing, Communities and Local Government",
        "the Cabinet Office",
        "NHS England",
    ),
    "change": (
        "recent changes in legislation",
        "feedback from councils",
        "lessons from recent incidents",
        "the latest threat assessment",
        "new national standards",
    ),
    "factor": (
        "strong leadership",
        "clear accountability",
        "good quality data",
        "early engagement with residents",
        "regular testing",
        "investment in skills",
        "collaboration with partners",
    ),
    "practice": (
        "agreeing a small number of shared priorities before committing funding",
        "involving frontline staff from the very start of a project",
        "checking that suppliers meet basic security standards",
        "publishing plans so that residents can see what is changing",
        "treating data as an asset rather than a by-product of services",
    ),
    "prior": (
        "a consultation earlier in the year",
        "a successful pilot with a small group of councils",
        "the publication of the national strategy",
        "a series of roundtables with council leaders",
        "commitments made in the spending review",
    ),
    "focus": (
        "the practical steps councils can take now",
        "the role of elected members",
        "working with suppliers",
        "what good looks like",
        "measuring impact",
        "lessons learned from early adopters",
    ),
    "support": (
        "expert coaching",
        "access to a peer network",
        "a grant towards project costs",
        "help with user research",
        "technical advice from specialists",
        "a place on a leadership programme",
    ),
    "expectation": (
        "share their learning with the wider sector",
        "publish their findings openly",
        "take part in a short evaluation",
        "commit a named lead for the duration of the project",
    ),
    "response_use": (
        "shape the final guidance",
        "inform the LGA’s submission to government",
        "build a picture of practice across the sector",
        "identify where further support is needed",
    ),
    "resource_content": (
        "practical advice, templates and checklists",
        "case studies from councils of all types",
        "the latest evidence and data",
        "a short introduction and links to further reading",
    ),
    "feature": (
        "a self-assessment checklist",
        "editable templates",
        "a glossary of common terms",
        "worked examples",
        "a short video introduction",
        "questions for elected members to ask",
        "a summary for senior leaders",
    ),
    "recommendation": (
        "appoint a senior owner with clear responsibility",
        "review plans at least once a year",
        "test arrangements with realistic exercises",
        "involve residents in the design of services",
        "share data with partners under clear agreements",
        "set aside time for staff training",
        "keep an up to date record of key systems",
    ),
    "agenda": (
        "a welcome and introduction from the chair",
        "a presentation on the latest national picture",
        "a case study from a council",
        "a panel discussion with questions from the audience",
        "small group discussions",
        "a summary of next steps",
    ),
}

GENERAL_SENTENCES = (
    "{org} has published {doc} on {main}, {purpose}.",
    "The {doc_noun} draws on the experience of {count} councils and sets out practical steps "
    "for {audience}.",
    "It is aimed at {audience} and {audience2}, although anyone with an interest in {topic} "
    "will find it useful.",
    "Councils have told us that {main} remains one of their top priorities, with many reporting "
    "{challenge}.",
    "Early results suggest that {percent} per cent of councils have {achievement}.",
    "{council} has {achievement}, and its {role} said the work had {impact}.",
    "You can read more in [[the full {doc_noun}]].",
    "The findings will inform future support from the LGA and our work with government on {topic}.",
    "We would encourage you to share this with {audience} in your organisation.",
    "{org} will be working with {org2} over the coming months {purpose}.",
    "There is no single right approach to {main}, and councils start from very different places.",
    "Alongside this, {org} has refreshed [[its guidance on {topic}]] to reflect {change}.",
    "<<Councils do not need to wait>> for national decisions before starting to {goal}.",
    "The work forms part of a wider programme on {topic} and {topic2}, funded by {funder}.",
    "As ever, we would welcome your feedback on how we can better support councils to {goal}.",
    "Officers at {council} described the change as {impact_adj}, particularly for {residents}.",
    "A summary of the key messages for {audience} is available on [[the {org_short} website]].",
    "The {doc_noun} also highlights the importance of {factor} and {factor2}.",
    "In practice, this means {practice}.",
    "This follows {prior}.",
    "Progress on {main} has been uneven, and <<the gap between councils is widening>>.",
    "Many of the councils we spoke to are now {practice}.",
)
SECTION_SENTENCES: dict[str, tuple[str, ...]] = {
    "news": (
        "Ministers have said they expect every council to {goal} by the end of the decade.",
        "The announcement was welcomed by {org}, which said it would help councils {goal}.",
        "The LGA responded to say that councils need long-term funding to {goal}.",
        "Further details are set out in [[the announcement]].",
        "The changes will be of particular interest to {audience} and {audience2}.",
        "{org} estimates that <<one in three councils>> will need to update their plans as a "
        "result.",
        "The LGA has long argued that {main} cannot be tackled by councils on their own.",
        "A recent survey found that {percent} per cent of respondents saw {main} as a "
        "growing risk.",
        "The new arrangements take effect next year, and councils are advised to {goal} now.",
        "{council} was among the first to respond, and has already {achievement}.",
        "Read [[our briefing on the announcement]] for a summary of the main points.",
    ),
    "events": (
        "This {event_kind} will explore {main}, with a particular focus on {focus}.",
        "Speakers from {org} and {council} will share their experience of {topic}.",
        "<<Places are limited>>, so we recommend booking early.",
        "The {event_kind} is free to attend for {audience} and will be recorded for those unable "
        "to join on the day.",
        "Participants will have the opportunity to {goal} and to hear from colleagues who have "
        "{achievement}.",
        "You can [[book your place]] now.",
        "There will be time for questions and discussion at the end of each presentation.",
        "The {event_kind} is open to {audience} and {audience2} from any council in England.",
        "Slides and a recording will be shared with everyone who registers.",
        "It will be chaired by the {role} of {council}.",
        "Attendees will leave with a clear plan for {focus}.",
        "<<Joining instructions>> will be sent a few days before the {event_kind}.",
        "Previous sessions in the series are available on [[our events page]].",
    ),
    "opportunities": (
        "Funding of up to £{amount} is available for {count} councils {purpose}.",
        "Successful applicants will receive {support} and will be expected to {expectation}.",
        "Applications are welcome from councils of all sizes, including those at an early stage "
        "of their work on {main}.",
        "[[The prospectus]] sets out the eligibility criteria and how proposals will be assessed.",
        "The programme is <<free of charge>> to participating councils.",
        "Previous participants have {achievement}.",
        "Joint bids from groups of councils are encouraged.",
        "The programme runs for six months and involves around two days of staff time a month.",
        "An online briefing for interested councils will explain the application process.",
        "Proposals should show how the work will help residents, particularly {residents}.",
        "Read [[the guidance for applicants]] before starting your application.",
    ),
    "consultations": (
        "The consultation asks for views on {main} and on how {org} can {goal}.",
        "Responses will be used to {response_use}.",
        "We will be submitting a response on behalf of the sector and would welcome your views "
        "to inform it.",
        "The survey should take around {minutes} minutes to complete, and all responses will be "
        "treated in confidence.",
        "You can [[respond online]] or email your comments to the team.",
        "{org} is particularly keen to hear from {audience} and {audience2}.",
        "The proposals would change how councils approach {main}.",
        "We have summarised the main questions in [[a short briefing]].",
        "Councils may wish to coordinate a single response with partners across their area.",
        "A series of online events will give councils the chance to discuss the proposals.",
    ),
    "resources": (
        "The {doc_noun} brings together {resource_content} on {main}.",
        "It includes {feature} and {feature2}.",
        "{council} used the approach to {goal}, and found it {impact_adj}.",
        "The resource is free to use and can be adapted to local circumstances.",
        "[[Download the {doc_noun}]] from the {org_short} website.",
        "It will be updated regularly as <<new evidence becomes available>>.",
        "The {doc_noun} was developed with {org} and tested with councils of different types.",
        "Each section can be read on its own, so you can start with the areas most relevant "
        "to you.",
        "Further examples are collected in [[our case study library]].",
        "It is designed for {audience}, but will also be useful for {audience2}.",
    ),
}
SUMMARY_SENTENCES = (
    "{org} has published {doc} on {main}, {purpose}.",
    "An update on {main} for {audience} and {audience2}.",
    "Councils are invited to find out more about {main} and how it can help them {goal}.",
    "What {main} means for {audience}, with examples from {council}.",
)
INTRO_SENTENCES = (
    "This month we also look at {topic} and {topic2}.",
    "Thank you to everyone who joined our recent sessions on {topic}.",
    "If you have news, case studies or events you would like us to include in a future edition, "
    "please get in touch with the team.",
    "We continue to work closely with {org} on {topic}, and will share more details soon.",
    "Please do forward this bulletin to {audience} and anyone else who may find it useful.",
    "Our work on {topic} continues, and we are grateful to the councils that have shared their "
    "experience with us.",
    "As always, we would welcome your feedback on the bulletin and how we can improve it.",
)
LIST_LEADS: dict[str, tuple[str, str]] = {
    "news": ("The key recommendations are to:", "recommendation"),
    "events": ("The agenda includes:", "agenda"),
    "opportunities": ("Successful applicants will receive:", "support"),
    "consultations": ("The consultation covers:", "topic"),
    "resources": ("The toolkit includes:", "feature"),
}
CTA_TITLES: dict[str, tuple[str, ...]] = {
    "news": ("Read the guidance", "Read the full report", "Find out more", "Read the announcement"),
    "events": ("Register for the event", "Book your place", "View the agenda", "Find out more"),
    "opportunities": ("Apply now", "Read the eligibility criteria", "Express an interest"),
    "consultations": (
        "Respond to the consultation",
        "Complete the survey",
        "Read the consultation document",
    ),
    "resources": ("Download the toolkit", "Read the case study", "View the resource"),
}
FURTHER_READING = (
    "Background briefing",
    "Frequently asked questions",
    "Technical annex",
    "Data tables",
    "Easy read version",
    "Accessible version",
    "Related blog post",
    "Slides from the session",
    "Previous coverage",
    "Terms of reference",
)

URL_HOSTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "www.local.gov.uk",
        (
            "/our-support/cyber-digital-and-technology/{slug}",
            "/publications/{slug}",
            "/events/{slug}",
            "/case-studies/{slug}",
        ),
    ),
    (
        "www.gov.uk",
        (
            "/government/publications/{slug}",
            "/guidance/{slug}",
            "/government/news/{slug}",
            "/government/consultations/{slug}",
        ),
    ),
    ("www.ons.gov.uk", ("/peoplepopulationandcommunity/{flat}", "/aboutus/whatwedo/{flat}")),
    ("www.techuk.org", ("/resource/{slug}.html", "/what-we-deliver/events/{slug}.html")),
    ("www.ncsc.gov.uk", ("/guidance/{slug}", "/collection/{slug}", "/blog-post/{slug}")),
    (
        "ico.org.uk",
        ("/for-organisations/{slug}/", "/about-the-ico/news-and-blogs/{yyyy}/{mm}/{slug}/"),
    ),
    ("www.socitm.net", ("/resource-hub/{slug}/", "/events/{slug}/")),
    ("www.jisc.ac.uk", ("/guides/{slug}", "/reports/{slug}")),
    ("www.england.nhs.uk", ("/long-read/{slug}/", "/publication/{slug}/")),
    ("digital.nhs.uk", ("/services/{slug}", "/news/{yyyy}/{slug}")),
    ("www.localdigital.gov.uk", ("/funding/{slug}/", "/cyber/{slug}/")),
    ("gds.blog.gov.uk", ("/{yyyy}/{mm}/{dd}/{slug}/",)),
    ("cddo.blog.gov.uk", ("/{yyyy}/{mm}/{dd}/{slug}/",)),
    ("www.nao.org.uk", ("/reports/{slug}/",)),
    ("www.instituteforgovernment.org.uk", ("/publication/{slug}", "/event/{slug}")),
    ("www.nesta.org.uk", ("/report/{slug}/", "/project/{slug}/")),
    ("www.adass.org.uk", ("/{slug}",)),
    ("solace.org.uk", ("/news/{slug}/",)),
    ("www.digitalsocialcare.co.uk", ("/latest-guidance/{slug}/",)),
    ("www.goodthingsfoundation.org", ("/insights/{slug}/", "/news/{slug}/")),
    ("www.tsa-voice.org.uk", ("/news/{slug}/",)),
    ("www.ukauthority.com", ("/articles/{slug}/",)),
    ("www.publictechnology.net", ("/{yyyy}/{mm}/{dd}/{slug}/",)),
    ("www.computerweekly.com", ("/news/{num}/{slug}",)),
    ("www.eventbrite.co.uk", ("/e/{slug}-tickets-{num}",)),
    ("www.crowncommercial.gov.uk", ("/agreements/RM{num4}", "/news/{slug}")),
    ("www.applytosupply.digitalmarketplace.service.gov.uk", ("/g-cloud/services/{num}",)),
    ("www.find-tender.service.gov.uk", ("/Notice/0{num4}{num2}-{yyyy}",)),
    ("www.contractsfinder.service.gov.uk", ("/Notice/{uuid}",)),
    ("www.ordnancesurvey.co.uk", ("/customers/public-sector/{slug}",)),
    ("www.ofcom.org.uk", ("/phones-and-broadband/{slug}",)),
    ("www.adalovelaceinstitute.org", ("/report/{slug}/",)),
    ("www.turing.ac.uk", ("/research/publications/{slug}",)),
    ("theodi.org", ("/insights/reports/{slug}/",)),
    ("www.ukri.org", ("/opportunity/{slug}/",)),
    ("www.scie.org.uk", ("/{slug}/",)),
    ("www.skillsforcare.org.uk", ("/resources/{slug}.aspx",)),
    ("lgiu.org", ("/briefing/{slug}/",)),
    ("www.digitalhealth.net", ("/{yyyy}/{mm}/{slug}/",)),
    ("www.kingsfund.org.uk", ("/insight-and-analysis/reports/{slug}",)),
    ("committees.parliament.uk", ("/work/{num4}/{slug}/",)),
    ("www.data.gov.uk", ("/dataset/{uuid}/{slug}",)),
    ("forms.office.com", ("/e/{code}",)),
    ("www.smartsurvey.co.uk", ("/s/{code}/",)),
    ("khub.net", ("/group/{slug}",)),
)

SITE_LINK = (
    "Cyber and Digital hub",
    "https://www.local.gov.uk/our-support/cyber-digital-and-technology",
)

_SLUG_RE = re.compile(r"[^a-z0-9]+")
_LINK_MARK_RE = re.compile(r"\[\[(.+?)\]\]")
_EMPH_MARK_RE = re.compile(r"<<(.+?)>>")
_SLOT_RE = re.compile(r"\x01(\d+)\x02([^\x03]*)\x03")
_URL_RE = re.compile(r"https?://[^\s\"'()<>\[\]]+")
_HOST_RE = re.compile(r"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$")
_RANGE_RE = re.compile(r"^(\d+\.\d+\.\d+\.\d+)-(\d+\.\d+\.\d+\.\d+)(?::(\d{1,5}))?$")
_CODE_CHARS = string.ascii_letters + string.digits

Template = tuple[str, tuple[tuple[str, str], ...]]


def _compile(templates: Sequence[str]) -> tuple[Template, ...]:
    """Pre-parse format templates into (text, ((field, vocabulary key), ...))."""
    out: list[Template] = []
    for text in templates:
        names: list[str] = []
        for _, name, _, _ in string.Formatter().parse(text):
            if name and name not in names:
                names.append(name)
        out.append((text, tuple((n, n.rstrip("0123456789")) for n in names)))
    return tuple(out)


GENERAL_T = _compile(GENERAL_SENTENCES)
SECTION_T = {k: _compile(v) for k, v in SECTION_SENTENCES.items()}
SUMMARY_T = _compile(SUMMARY_SENTENCES)
INTRO_T = _compile(INTRO_SENTENCES)
URL_T = tuple((host, _compile(paths)) for host, paths in URL_HOSTS)
VOCAB["topic"] = tuple(t for t, _ in TOPICS)
VOCAB["org"] = tuple(o for o, _ in ORGS)
VOCAB["council"] = COUNCILS


@dataclass
class Slot:
    """One URL occurrence in the content, resolved to a concrete URL after generation."""

    edition: int
    item: int
    default_url: str
    url: str = ""


@dataclass
class Event:
    """The event block of an item in the events section."""

    start: str
    end: str | None
    location: str
    online: bool


@dataclass
class Item:
    """One bulletin item; body blocks carry slot markers instead of URLs."""

    id: str
    section: str
    title: str
    summary: str | None = None
    blocks: list[str] = field(default_factory=list)
    links: list[tuple[str, int]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    event: Event | None = None
    deadline: date | None = None
    updated: str | None = None


@dataclass
class Edition:
    """One monthly edition of the bulletin."""

    number: int
    published: date
    intro: list[str]
    signoff: tuple[str, str, str, str]
    items: list[Item]


def slugify(text: str, max_words: int = 7) -> str:
    """Return a lowercase hyphenated slug of at most max_words words."""
    words = [w for w in _SLUG_RE.split(text.lower()) if w]
    return "-".join(words[:max_words]) or "item"


def capitalise(text: str) -> str:
    """Upper-case the first character unless the text starts with a camel-case brand."""
    if text.startswith(("techUK", "iNetwork")):
        return text
    return text[:1].upper() + text[1:]


def add_months(d: date, months: int) -> date:
    """Return the same day-of-month `months` months after d (day must exist)."""
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, d.day)


def published_date(number: int) -> date:
    """Return the publication date of edition `number` (monthly from 2000-01-06)."""
    return add_months(date(FIRST_YEAR, 1, PUBLISHED_DAY), number - 1)


def _last_sunday(year: int, month: int) -> date:
    """Return the last Sunday of a 31-day month."""
    last = date(year, month, 31)
    return last - timedelta(days=(last.weekday() - 6) % 7)


def london_offset(d: date) -> str:
    """Return the Europe/London UTC offset for local times from 02:00 on day d."""
    bst = _last_sunday(d.year, 3) <= d < _last_sunday(d.year, 10)
    return "+01:00" if bst else "+00:00"


def text_date(d: date) -> str:
    """Format a date as in GOV.UK prose, e.g. 7 November 2024 (no weekday)."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def text_time(minutes: int) -> str:
    """Format minutes after midnight as in GOV.UK prose, e.g. 9:30am, 12pm."""
    hour, minute = divmod(minutes, 60)
    suffix = "am" if hour < 12 else "pm"
    h12 = hour % 12 or 12
    return f"{h12}{suffix}" if minute == 0 else f"{h12}:{minute:02d}{suffix}"


def iso_datetime(d: date, minutes: int) -> str:
    """Format a local date and time as ISO 8601 with the Europe/London offset."""
    hour, minute = divmod(minutes, 60)
    return f"{d.isoformat()}T{hour:02d}:{minute:02d}:00{london_offset(d)}"


def q(text: str) -> str:
    """Quote a string as a JSON double-quoted scalar, which is also valid YAML."""
    return json.dumps(text, ensure_ascii=False)


def parse_hosts(spec: str, port: int | None) -> list[str]:
    """Parse an IPv4 range or comma-separated host[:port] list into host[:port] strings."""
    hosts: list[str] = []
    for raw in spec.split(","):
        part = raw.strip()
        if not part:
            continue
        m = _RANGE_RE.match(part)
        if m:
            first = ipaddress.IPv4Address(m.group(1))
            last = ipaddress.IPv4Address(m.group(2))
            if int(last) < int(first):
                raise ValueError(f"empty address range: {part}")
            if int(last) - int(first) + 1 > MAX_HOSTS:
                raise ValueError(f"address range too large: {part}")
            suffix = m.group(3) or (str(port) if port is not None else None)
            for value in range(int(first), int(last) + 1):
                addr = str(ipaddress.IPv4Address(value))
                hosts.append(f"{addr}:{suffix}" if suffix else addr)
            continue
        m = _HOST_RE.match(part)
        if not m:
            raise ValueError(f"invalid host: {part}")
        suffix = m.group(2) or (str(port) if port is not None else None)
        hosts.append(f"{m.group(1)}:{suffix}" if suffix else m.group(1))
    for host in hosts:
        port_text = host.rsplit(":", 1)[1] if not host.endswith("]") and ":" in host else ""
        if port_text and not 0 < int(port_text) < 65536:
            raise ValueError(f"invalid port in {host}")
    if not hosts:
        raise ValueError("no hosts given")
    if len(set(hosts)) != len(hosts):
        raise ValueError("duplicate hosts given")
    return hosts


class Generator:
    """Builds editions from word lists using a single seeded random stream."""

    def __init__(self, seed: int) -> None:
        """Create a generator with its own random.Random(seed)."""
        self.rng = random.Random(seed)
        self.slots: list[Slot] = []
        self.seen: set[str] = set()

    # ----------------------------------------------------------------- text helpers

    def fill(self, template: Template, ctx: dict[str, str]) -> str:
        """Fill a compiled template from ctx and VOCAB, avoiding repeated values."""
        rng = self.rng
        text, fields = template
        values: dict[str, str] = {}
        used = {ctx.get("main", "")}
        for name, key in fields:
            if name in ctx:
                values[name] = ctx[name]
                continue
            options = VOCAB[key]
            value = rng.choice(options)
            for _ in range(4):
                if value not in used:
                    break
                value = rng.choice(options)
            used.add(value)
            values[name] = value
        return capitalise(text.format_map(values))

    def new_slot(self, number: int, k: int, slug: str, published: date) -> int:
        """Register a URL occurrence for item k of edition number and return its id."""
        self.slots.append(Slot(number, k, self.default_url(slug, published)))
        return len(self.slots) - 1

    def default_url(self, slug: str, published: date) -> str:
        """Return a realistic https URL on one of the public hostnames."""
        rng = self.rng
        host, paths = rng.choice(URL_T)
        text, fields = rng.choice(paths)
        values: dict[str, str] = {}
        for name, _ in fields:
            if name == "slug":
                values[name] = slug
            elif name == "flat":
                values[name] = slug.replace("-", "")
            elif name == "yyyy":
                values[name] = str(published.year)
            elif name == "mm":
                values[name] = f"{published.month:02d}"
            elif name == "dd":
                values[name] = f"{published.day:02d}"
            elif name == "num":
                values[name] = str(rng.randrange(100_000_000, 999_999_999))
            elif name == "num4":
                values[name] = str(rng.randrange(1000, 9999))
            elif name == "num2":
                values[name] = f"{rng.randrange(100):02d}"
            elif name == "code":
                values[name] = "".join(rng.choices(_CODE_CHARS, k=10))
            elif name == "uuid":
                h = f"{rng.getrandbits(128):032x}"
                values[name] = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
        return f"https://{host}{text.format_map(values)}"

    def markup(self, text: str, link: Callable[[str], int]) -> str:
        """Turn [[...]] into slot-marked links (sometimes) and <<...>> into emphasis."""
        rng = self.rng
        linked = 0

        def sub_link(m: re.Match[str]) -> str:
            nonlocal linked
            if rng.random() < (0.5 if linked == 0 else 0.15):
                linked += 1
                return f"\x01{link(m.group(1))}\x02{m.group(1)}\x03"
            return m.group(1)

        def sub_emph(m: re.Match[str]) -> str:
            r = rng.random()
            if r < 0.5:
                return f"**{m.group(1)}**"
            if r < 0.75:
                return f"*{m.group(1)}*"
            return m.group(1)

        if "[[" in text:
            text = _LINK_MARK_RE.sub(sub_link, text)
        if "<<" in text:
            text = _EMPH_MARK_RE.sub(sub_emph, text)
        return text

    def paragraph(
        self, pools: Sequence[tuple[Template, ...]], ctx: dict[str, str], lead: str = ""
    ) -> str:
        """Return one paragraph of 40-120 words (sentences never exceed 40 words)."""
        rng = self.rng
        target = rng.randint(40, 120)
        parts = [lead] if lead else []
        words = lead.count(" ") + 1 if lead else 0
        seen = self.seen
        while words < target:
            template = rng.choice(rng.choice(pools))
            for _ in range(6):
                if template[0] not in seen:
                    break
                template = rng.choice(rng.choice(pools))
            seen.add(template[0])
            sentence = self.fill(template, ctx)
            count = sentence.count(" ") + 1
            if words + count > 120:
                break
            parts.append(sentence)
            words += count
        return " ".join(parts)

    # ----------------------------------------------------------------- items

    def event(self, published: date, ctx: dict[str, str]) -> tuple[Event, str]:
        """Return an event in the month after publication and a sentence describing it."""
        rng = self.rng
        month = add_months(published.replace(day=1), 1)
        days = [month.replace(day=d) for d in range(7, 25) if month.replace(day=d).weekday() < 5]
        day = rng.choice(days)
        kind = ctx["event_kind"]
        if ctx["all_day"]:
            location = rng.choice(VENUES + CITIES)
            end: date | None = None
            if rng.random() < 0.5:
                end = day + timedelta(days=rng.randint(1, 2))
            when = (
                f"from {day.day} to {text_date(end)}" if end is not None else f"on {text_date(day)}"
            )
            where = f"at {location}" if "," in location else f"in {location}"
            sentence = f"The {kind} takes place {where} {when}."
            end_text = end.isoformat() if end is not None else None
            return Event(day.isoformat(), end_text, location, False), sentence
        start = rng.randrange(9 * 60, 15 * 60 + 31, 30)
        finish = start + rng.choice((60, 90, 120, 150, 180))
        online = rng.random() < 0.55
        location = "Online" if online else rng.choice(VENUES + CITIES)
        where = "online" if online else f"at {location}" if "," in location else f"in {location}"
        sentence = (
            f"The {kind} takes place {where} on {text_date(day)} from {text_time(start)} "
            f"to {text_time(finish)}."
        )
        event = Event(iso_datetime(day, start), iso_datetime(day, finish), location, online)
        return event, sentence

    def title(self, section: str, ctx: dict[str, str]) -> str:
        """Return a sentence-case title for an item in section."""
        rng = self.rng
        main, org, council = ctx["main"], ctx["org_short"], ctx["council"]
        audience = rng.choice(VOCAB["audience"])
        options: tuple[str, ...]
        if section == "news":
            options = (
                f"{org} publishes {rng.choice(VOCAB['doc'])} on {main}",
                f"Government sets out plans for {main}",
                f"{council} shares lessons from its work on {main}",
                f"New figures on {main} in local government",
                f"Update on {main}: what it means for councils",
                f"Ministers announce funding for {main}",
                f"{org} annual report highlights progress on {main}",
            )
        elif section == "events":
            kind = capitalise(ctx["event_kind"])
            options = (
                f"{kind}: {main} for {audience}",
                f"{kind} on {main}",
                f"{kind}: getting started with {main}",
                f"{org} {ctx['event_kind']}: {main}",
            )
        elif section == "opportunities":
            options = (
                f"Funding available for {main} projects",
                f"Join the {main} pilot programme",
                f"Apply for the {main} fellowship",
                f"Councils invited to take part in research on {main}",
                f"Free training places on {main}",
            )
        elif section == "consultations":
            options = (
                f"Consultation on {main}",
                f"Survey: {main} in local government",
                f"Call for evidence on {main}",
                f"Have your say on {main}",
                f"{org} seeks views on {main}",
            )
        else:
            options = (
                f"Toolkit: {main}",
                f"Case study: {council} and {main}",
                f"Report on the state of {main} in councils",
                f"Guide to {main} for {audience}",
                f"{org} publishes a self-assessment tool for {main}",
            )
        return capitalise(rng.choice(options))

    def item(self, number: int, k: int, section: str, published: date, title_only: bool) -> Item:
        """Generate item k (1-based) of edition number in the given section."""
        rng = self.rng
        self.seen = set()
        topic, topic_tag = rng.choice(TOPICS)
        org, org_short = rng.choice(ORGS)
        all_day = section == "events" and rng.random() < 0.2
        ctx = {
            "main": topic,
            "org": org,
            "org_short": org_short,
            "council": rng.choice(COUNCILS),
            "doc_noun": rng.choice(VOCAB["doc_noun"]),
            "event_kind": rng.choice(ALL_DAY_KINDS if all_day else TIMED_KINDS),
            "all_day": "yes" if all_day else "",
        }
        title = self.title(section, ctx)
        slug = slugify(title)
        item = Item(id=f"e{number}-{slugify(title, 6)}-{k}", section=section, title=title)

        def link(_text: str) -> int:
            return self.new_slot(number, k, slug, published)

        lead_sentence = ""
        if section == "events":
            item.event, lead_sentence = self.event(published, ctx)
        if section in ("opportunities", "consultations") and rng.random() < 1 / 3:
            item.deadline = published + timedelta(days=rng.randint(14, 60))
            verb = "applications" if section == "opportunities" else "responses"
            lead_sentence = f"The deadline for {verb} is <<{text_date(item.deadline)}>>."
        if rng.random() < 0.1:
            item.summary = _LINK_MARK_RE.sub(r"\1", self.fill(rng.choice(SUMMARY_T), ctx))
        if not title_only:
            pools = (GENERAL_T, SECTION_T[section], SECTION_T[section])
            count = rng.choices((1, 2, 3, 4), weights=(3, 4, 2, 1))[0]
            for index in range(count):
                lead = lead_sentence if index == 0 and rng.random() < 0.7 else ""
                item.blocks.append(self.markup(self.paragraph(pools, ctx, lead), link))
                if index == 0 and rng.random() < 0.2:
                    item.blocks.extend(self.bullets(section, ctx, link))
        ctas = rng.choices((0, 1, 2, 3), weights=(15, 45, 30, 10))[0]
        for cta in rng.sample(CTA_TITLES[section], min(ctas, len(CTA_TITLES[section]))):
            item.links.append((cta, link(cta)))
        tags = rng.choices((0, 1, 2, 3), weights=(20, 45, 25, 10))[0]
        if tags:
            chosen = [topic_tag] if topic_tag else []
            chosen.extend(t for t in rng.sample(TAG_VOCAB, tags) if t != topic_tag)
            item.tags = chosen[:tags]
        if rng.random() < 0.02:
            when = published + timedelta(days=rng.randint(1, 5))
            item.updated = iso_datetime(when, rng.randrange(8 * 60, 18 * 60, 15))
        return item

    def bullets(self, section: str, ctx: dict[str, str], link: Callable[[str], int]) -> list[str]:
        """Return a lead-in line and a Markdown bullet list for section."""
        rng = self.rng
        lead, key = LIST_LEADS[section]
        values = rng.sample(VOCAB[key], rng.randint(3, min(5, len(VOCAB[key]))))
        lines = []
        linked = rng.random() < 0.3
        for index, value in enumerate(values):
            if linked and index == 0:
                lines.append(f"- \x01{link(value)}\x02{value}\x03")
            else:
                lines.append(f"- {value}")
        return [lead.replace("toolkit", ctx["doc_noun"]), "\n".join(lines)]

    def intro(self, published: date) -> list[str]:
        """Return the intro paragraphs, starting with 'Dear colleague'."""
        rng = self.rng
        ctx = {"main": ""}
        month = f"{MONTHS[published.month - 1]} {published.year}"
        first = (
            f"Welcome to the {month} edition of the {BULLETIN}, our round-up of news, events "
            "and opportunities for councils."
        )
        paragraphs = ["Dear colleague", self.paragraph((INTRO_T,), ctx, first)]
        if rng.random() < 0.5:
            paragraphs.append(self.paragraph((INTRO_T,), ctx))
        return paragraphs

    def edition(self, number: int) -> Edition:
        """Generate edition `number` with exactly ITEMS_PER_EDITION items."""
        rng = self.rng
        published = published_date(number)
        intro = self.intro(published)
        title_only = set(rng.sample(range(1, ITEMS_PER_EDITION + 1), rng.randint(2, 3)))
        items: list[Item] = []
        k = 0
        for section, _, _, count in SECTIONS:
            for _ in range(count):
                k += 1
                items.append(self.item(number, k, section, published, k in title_only))
        signoff = SIGNOFFS[(number - 1) // 36 % len(SIGNOFFS)]
        return Edition(number, published, intro, signoff, items)


def item_slot_ids(item: Item) -> list[int]:
    """Return the slot ids used by an item, in document order (body, then links)."""
    ids = [int(m.group(1)) for block in item.blocks for m in _SLOT_RE.finditer(block)]
    ids.extend(slot for _, slot in item.links)
    return ids


def add_further_reading(gen: Generator, editions: list[Edition], extra: int) -> None:
    """Append `extra` new slots as 'Further reading' lists spread evenly over items with bodies."""
    with_body = [(e, it) for e in editions for it in e.items if it.blocks]
    if not with_body:
        raise ValueError("no items with a body to carry extra links")
    base, rem = divmod(extra, len(with_body))
    bonus = {i * len(with_body) // rem for i in range(rem)} if rem else set()
    for index, (edition, item) in enumerate(with_body):
        count = base + (1 if index in bonus else 0)
        if not count:
            continue
        k = edition.items.index(item) + 1
        lines = []
        for j in range(count):
            text = f"{FURTHER_READING[(index + j) % len(FURTHER_READING)]} ({j + 1})"
            slot = gen.new_slot(edition.number, k, slugify(item.title), edition.published)
            lines.append(f"- \x01{slot}\x02{text}\x03")
        item.blocks.append("Further reading:")
        item.blocks.append("\n".join(lines))


def assign_urls(
    gen: Generator, editions: list[Edition], hosts: list[str] | None, total: int | None
) -> None:
    """Resolve every slot to a URL (realistic, loopback, or exactly `total` distinct)."""
    if hosts is None:
        for slot in gen.slots:
            slot.url = slot.default_url
        return
    if total is not None:
        have = sum(len(item_slot_ids(it)) for e in editions for it in e.items)
        if have < total:
            add_further_reading(gen, editions, total - have)
    order = [(it, item_slot_ids(it)) for e in editions for it in e.items]
    flat = [s for _, ids in order for s in ids]
    count = len(flat)
    if total is None or total == count:
        primary = set(range(count))
    else:
        primary = {j * count // total for j in range(total)}
    # Pass 1: give each primary slot a new URL, round-robin over the hosts.
    urls: list[str] = []
    position = 0
    pending: list[tuple[int, int, set[str]]] = []
    for _, ids in order:
        m = 0
        in_item: set[str] = set()
        for slot_id in ids:
            if position in primary:
                slot = gen.slots[slot_id]
                m += 1
                host = hosts[len(urls) % len(hosts)]
                slot.url = f"http://{host}/e{slot.edition}/i{slot.item}/{m}"
                urls.append(slot.url)
                in_item.add(slot.url)
            else:
                pending.append((position, slot_id, in_item))
            position += 1
    # Pass 2: the remaining slots reuse those URLs, avoiding repeats within an item
    # (unavoidable only when an item has more slots than there are distinct URLs).
    for pos, slot_id, in_item in pending:
        candidate = urls[pos % len(urls)]
        for step in range(min(len(urls), 64)):
            candidate = urls[(pos + step) % len(urls)]
            if candidate not in in_item:
                break
        gen.slots[slot_id].url = candidate
        in_item.add(candidate)


def render_body(blocks: list[str], slots: list[Slot], indent: str) -> list[str]:
    """Render Markdown blocks with slot markers replaced, as indented literal-block lines."""
    text = "\n\n".join(blocks)
    text = _SLOT_RE.sub(lambda m: f"[{m.group(2)}]({slots[int(m.group(1))].url})", text)
    return [indent + line if line else "" for line in text.split("\n")]


def render_edition(edition: Edition, slots: list[Slot]) -> str:
    """Render an edition as YAML text."""
    out = [
        f"number: {edition.number}",
        f"title: {q(f'{BULLETIN} – edition {edition.number}')}",
        f"published: {edition.published.isoformat()}",
        "intro: |",
    ]
    out.extend(render_body(edition.intro, slots, "  "))
    name, role, organisation, email = edition.signoff
    out.append(
        f"signoff: {{name: {q(name)}, role: {q(role)}, organisation: {q(organisation)}, "
        f"email: {q(email)}}}"
    )
    out.append("items:")
    for item in edition.items:
        out.append(f"  - id: {item.id}")
        out.append(f"    section: {item.section}")
        out.append(f"    title: {q(item.title)}")
        if item.summary is not None:
            out.append(f"    summary: {q(item.summary)}")
        if item.blocks:
            out.append("    body: |")
            out.extend(render_body(item.blocks, slots, "      "))
        if item.links:
            out.append("    links:")
            for title, slot in item.links:
                out.append(f"      - {{title: {q(title)}, url: {q(slots[slot].url)}}}")
        if item.tags:
            out.append(f"    tags: [{', '.join(item.tags)}]")
        if item.event is not None:
            ev = item.event
            out.append("    event:")
            out.append(f"      start: {ev.start}")
            if ev.end is not None:
                out.append(f"      end: {ev.end}")
            out.append(f"      location: {q(ev.location)}")
            if ev.online:
                out.append("      online: true")
        if item.deadline is not None:
            out.append(f"    deadline: {item.deadline.isoformat()}")
        if item.updated is not None:
            out.append(f"    updated: {item.updated}")
    out.append("")
    return "\n".join(out)


def render_site(with_links: bool) -> str:
    """Render site.yaml text."""
    out = [
        f"title: {q(BULLETIN)}",
        f"description: {q('A synthetic archive for benchmarks.')}",
        f"base_url: {q('https://bulletin.example.org')}",
        "language: en-GB",
        "timezone: Europe/London",
        f"publisher: {q('Local Government Association')}",
        f"contact: {q('cyberanddigital@local.gov.uk')}",
    ]
    if with_links:
        out.append("links:")
        out.append(f"  - {{title: {q(SITE_LINK[0])}, url: {q(SITE_LINK[1])}}}")
    out.append("sections:")
    for slug, title, description, _ in SECTIONS:
        out.append(f"  - {{slug: {slug}, title: {q(title)}, description: {q(description)}}}")
    out.append("")
    return "\n".join(out)


def write_text(path: Path, text: str) -> int:
    """Write UTF-8 text with LF newlines and return the number of bytes written."""
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(data)


def build(
    n: int, out_dir: Path, seed: int, hosts: list[str] | None, total: int | None
) -> tuple[int, int, int]:
    """Generate and write the content; return (items, distinct URLs, bytes written)."""
    gen = Generator(seed)
    editions = [gen.edition(number) for number in range(1, n + 1)]
    assign_urls(gen, editions, hosts, total)
    editions_dir = out_dir / "editions"
    editions_dir.mkdir(parents=True, exist_ok=True)
    names = {f"{e.number:03d}.yaml" for e in editions}
    for stale in editions_dir.glob("*.yaml"):
        if re.fullmatch(r"\d{3,}\.yaml", stale.name) and stale.name not in names:
            stale.unlink()
    size = write_text(out_dir / "site.yaml", render_site(hosts is None))
    distinct: set[str] = set()
    if hosts is None:
        distinct.add(SITE_LINK[1])
    for edition in editions:
        text = render_edition(edition, gen.slots)
        distinct.update(_URL_RE.findall(text))
        size += write_text(editions_dir / f"{edition.number:03d}.yaml", text)
    if total is not None and len(distinct) != total:
        raise AssertionError(f"expected {total} distinct URLs, found {len(distinct)}")
    return sum(len(e.items) for e in editions), len(distinct), size


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, generate the content directory and print a summary."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("n", type=int, metavar="N", help="number of editions")
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="content directory")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (25)")
    parser.add_argument(
        "--link-hosts", help="IPv4 range A-B or comma-separated host[:port] list for all URLs"
    )
    parser.add_argument("--link-port", type=int, help="port appended to hosts without one")
    parser.add_argument("--links-total", type=int, help="exact number of distinct URLs")
    args = parser.parse_args(argv)
    if not 1 <= args.n <= MAX_EDITIONS:
        parser.error(f"N must be between 1 and {MAX_EDITIONS}")
    if args.link_port is not None and not 0 < args.link_port < 65536:
        parser.error("--link-port must be between 1 and 65535")
    if args.link_port is not None and args.link_hosts is None:
        parser.error("--link-port requires --link-hosts")
    if args.links_total is not None:
        if args.link_hosts is None:
            parser.error("--links-total requires --link-hosts")
        if args.links_total < 1:
            parser.error("--links-total must be at least 1")
    hosts: list[str] | None = None
    if args.link_hosts is not None:
        try:
            hosts = parse_hosts(args.link_hosts, args.link_port)
        except ValueError as exc:
            parser.error(str(exc))
    started = time.perf_counter()
    items, urls, size = build(args.n, args.out_dir, args.seed, hosts, args.links_total)
    elapsed = time.perf_counter() - started
    print(
        f"wrote {args.n} editions ({items} items, {urls} distinct URLs, "
        f"{size / 1_000_000:.1f} MB) to {args.out_dir} in {elapsed:.2f}s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

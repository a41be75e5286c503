"""Word lists for attribution: speech verbs, pronouns, honorifics, roles.

General English, not tuned to any article.
"""

from __future__ import annotations

SPEECH_VERBS = frozenset(
    """
    say tell add explain insist argue warn write tweet post note claim state declare
    announce report recall acknowledge admit concede confirm deny suggest predict
    promise pledge vow urge ask reply respond answer continue complain caution
    assert contend maintain stress emphasize emphasise observe remark comment reveal
    disclose mention boast joke quip shout yell scream whisper exclaim protest
    retort counter lament conclude allege charge threaten demand assure remind
    advise recommend propose speculate recount testify reiterate repeat estimate
    agree brag lash describe blast criticize criticise accuse call cite point inform
    concur hint surmise muse wonder sigh plead beg rule tout beam gush fume
    underline underscore indicate snap scoff grumble marvel exult opine interject
    mutter murmur email text reason bark laugh chuckle growl snarl sneer
    question press react riff mock interrupt cry
    """.split()
)
"""Lemmas of verbs that introduce speech."""

INDIRECT_VERBS = frozenset(
    """
    say tell add explain insist argue warn write tweet post note claim state declare
    announce report recall acknowledge admit concede confirm deny suggest predict
    promise pledge vow reply respond answer complain caution assert contend maintain
    stress emphasize emphasise observe remark comment reveal disclose mention boast
    protest retort counter conclude allege charge threaten assure remind advise
    recommend propose speculate recount testify reiterate repeat estimate agree urge
    hint inform concur underline underscore indicate opine reason email text
    """.split()
)
"""Speech verbs whose clausal complement is reported speech (indirect quotes)."""

DIRECT_ONLY_VERBS = frozenset(
    """
    ask continue joke quip shout yell scream whisper exclaim lament sigh plead beg
    muse wonder tout blast beam gush fume snap scoff grumble marvel exult
    interject mutter murmur bark laugh chuckle growl snarl sneer
    question press react riff mock interrupt cry
    """.split()
)
"""Verbs that attribute a quotation but rarely introduce indirect speech."""

PERSON_PRONOUNS = {
    "he": "m",
    "him": "m",
    "she": "f",
    "her": "f",
    "they": "p",
    "them": "p",
    "i": "1",
    "we": "1",
}
"""Pronouns that may stand for a speaker, with the gender/number they imply."""

HONORIFICS_MALE = frozenset({"mr", "mr.", "sir", "lord", "king", "prince"})
HONORIFICS_FEMALE = frozenset(
    {"ms", "ms.", "mrs", "mrs.", "miss", "dame", "lady", "queen", "princess"}
)
HONORIFICS = (
    HONORIFICS_MALE
    | HONORIFICS_FEMALE
    | frozenset({"dr", "dr.", "prof", "prof.", "rev", "rev.", "mx", "mx."})
)
"""Titles that may precede a name and are not part of it."""

MALE_NAMES = frozenset(
    """
    james john robert michael william david richard joseph thomas charles
    christopher daniel matthew anthony mark donald steven paul andrew joshua kenneth
    kevin brian george timothy ronald edward jason jeffrey ryan jacob gary nicholas
    eric jonathan stephen larry justin scott brandon benjamin samuel gregory
    alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan
    henry douglas zachary peter kyle walter ethan jeremy harold keith christian
    roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan joe
    jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph randy
    eugene vincent russell elijah louis bobby philip johnny barack bernie bill mike
    tom tim tony ted ben sam dan jim chris rick hugh ian liam oliver owen omar ahmed
    mohammed muhammad ali hassan carlos luis miguel pedro diego javier pablo marco
    luca giovanni francesco pierre jacques hans klaus stefan dmitri sergei vladimir
    ivan boris igor yuri viktor rahul arjun ravi kwame kofi emeka chinedu tunde
    hiroshi kenji takeshi wei ming jun tomas mateo nikolai andrei felix hugo emil
    lars erik sven olaf tariq yusuf karim malik
    """.split()
)
"""Common masculine first names, used only to check pronoun agreement."""

FEMALE_NAMES = frozenset(
    """
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy
    lisa betty margaret sandra ashley kimberly emily donna michelle dorothy carol
    amanda melissa deborah stephanie rebecca sharon laura cynthia kathleen amy
    shirley angela helen anna brenda pamela nicole emma samantha katherine christine
    debra rachel catherine carolyn janet ruth maria heather diane virginia julie
    joyce victoria olivia kelly christina lauren joan evelyn judith megan cheryl
    andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice
    alice madison doris abigail julia judy grace denise amber marilyn beverly
    danielle theresa sophia marie diana brittany natalie isabella charlotte rose
    alexis kayla hillary hilary nikki kamala elena sofia lucia carmen ana isabel
    rosa paula claire chloe amelie sophie ingrid astrid freya greta olga natasha
    svetlana irina tatiana priya ananya aisha fatima leila layla yasmin amina zainab
    ngozi chioma ama akua yuki keiko mei ling xiu hana sakura lena lea nora ella mia
    ava zoe ruby lily isla eva ines ada
    """.split()
)
"""Common feminine first names, used only to check pronoun agreement."""

TITLE_WORDS = frozenset(
    """
    councillor councilor councilman councilwoman alderman mayor senator sen
    representative rep congressman congresswoman president vice governor gov
    minister premier chancellor judge justice chief inspector detective officer
    sergeant sgt constable captain capt coach professor prof doctor dr general gen
    colonel col lieutenant lt major secretary commissioner ambassador director
    superintendent sheriff deputy bishop father pastor rabbi imam chairman
    chairwoman chair speaker leader dame sir lord lady
    """.split()
)
"""Titles that may precede a name ("Councillor Marcus Fenwick") and are not part
of the name itself."""

CONTENT_PREPOSITIONS: dict[str, frozenset[str]] = {
    "accuse": frozenset({"of"}),
    "blame": frozenset({"for", "on"}),
    "praise": frozenset({"for"}),
    "attack": frozenset({"for", "over"}),
    "criticize": frozenset({"for", "over"}),
    "criticise": frozenset({"for", "over"}),
    "slam": frozenset({"for", "over", "as"}),
    "blast": frozenset({"for", "over", "as"}),
    "condemn": frozenset({"for", "as"}),
    "describe": frozenset({"as"}),
    "characterize": frozenset({"as"}),
    "dismiss": frozenset({"as"}),
    "label": frozenset({"as"}),
    "cite": frozenset({"as"}),
    "call": frozenset({"for", "on"}),
    "ask": frozenset({"for", "about"}),
    "warn": frozenset({"of", "about", "against"}),
    "question": frozenset({"about"}),
}
"""Prepositions whose object is part of what a verb reports ("accused X of
Y", "called for Y")."""

OBJECT_CONTENT_VERBS = frozenset(
    """
    deny announce question cite mention echo promise pledge vow threaten
    urge call ask demand propose predict confirm reveal acknowledge admit
    accuse blame praise attack criticize criticise slam blast condemn
    describe characterize dismiss label warn note tell
    """.split()
)
"""Communication verbs that report through an object, an infinitive or an
indirect question ("denied the claims", "vowed to appeal", "asked whether")."""

DOCUMENT_NOUNS = frozenset(
    """
    report statement letter website site tweet post study survey poll memo
    document filing lawsuit complaint newspaper paper magazine blog release book
    article email transcript video ad advertisement editorial column broadcast
    outlet network station journal analysis ruling order indictment affidavit
    """.split()
)
"""Head nouns of a speaker that is a text or an outlet ("the report said")."""

ORGANISATION_NOUNS = frozenset(
    """
    company firm party campaign government ministry department agency committee
    council board police court union team administration office group
    organisation organization authority commission bank army military embassy
    school university hospital club charity coalition
    """.split()
)
"""Head nouns of an unnamed organisation speaking ("the company said")."""

SPEECH_SETTINGS = frozenset(
    """
    interview statement speech remarks conference briefing rally debate
    appearance hearing op-ed column post tweet letter email broadcast podcast
    testimony
    """.split()
)
"""Nouns naming the occasion of speech ("in an interview", "during a rally"):
a phrase built on one describes the speaking, not what was said."""

SETTING_PREPOSITIONS = frozenset({"in", "during", "at"})
"""Prepositions that introduce the occasion of speech."""

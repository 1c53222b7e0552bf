"""The authors' voice in a sentence (their frame around a claim, first person, hedges and opinions) and the
markers that are no part of a statement (copyright notes, truncation marks, evaluations that state nothing),
read by :mod:`medcite.text.statements`."""

from __future__ import annotations

import re

# -- the authors' voice (the composer's statements) ---------------------------------------------------
# "we conclude that X", "our results suggest that X", "these data indicate that X": the authors' frame around
# a claim, read by compose/candidates.py (which keeps the claim and drops or neutralises the frame)
# "US" is a country; "I" only before a verb of the author's voice ("type I", "phase I" are no pronoun). A
# reading of tuning-half articles found "In my opinion, the failure of verubecestat ..." as a finding
FIRST_PERSON = re.compile(
    r"\b(?:[Ww]e|[Oo]urs?|us|ourselves|[Mm]y|me|myself)\b|\bI\s+(?:think|believe|found|suggest|propose|argue|"
    r"conclude|feel|am|have|had|was|would|will|report|describe|present|review|discuss)\b"
)
_STUDY_NOUN = (
    r"(?:results?|findings?|data|observations?|stud(?:y|ies)|analys[ie]s|experience|trials?|work|series|"
    r"investigations?|evaluations?|experiments?|lines? of evidence)"
)
# "our previous studies", "these earlier trials": other work than the source's own, whose claims stay framed
_OTHER_WORK = r"(?:previous|prior|earlier|past|other|recent|published|older)\b"
# a lead before the subject: a clause with its comma ("Through the use of knockdown experiments, we argue
# ..."), or one that points at the paper itself without one ("Here we show that ...", "In this study we ...")
AUTHORS_FRAME = re.compile(
    r"^(?P<lead>[A-Z][^,;:]{0,100},\s+|"
    r"(?:Here|Herein|In this (?:study|paper|work|article|report))\s+(?=we\b))??"
    r"(?P<subject>(?P<we>we)|(?P<it>it (?:is|was|can be|could be|may be|might be))|"
    r"(?P<this>this(?=\s+[a-z]+s\s+that\b))|"  # "This illustrates that X" (tune24)
    rf"(?P<det>our|these|the)\s+(?P<noun>(?:(?!{_OTHER_WORK})[a-z-]+\s+){{0,2}}?{_STUDY_NOUN}"
    rf"(?:\s+of\s+(?:this|the present|the current|our)\s+{_STUDY_NOUN})?))\s+"
    r"(?P<adverbs>(?:(?:therefore|thus|also|further|furthermore|now|here|hence|clearly|strongly|collectively|"
    r"together|consistently|firmly|both|again|finally|first|have|has|had|could|can|may|might|would|"
    r"(?:were|was) able to)\s+)*)"
    r"(?P<verb>[a-z]+)\b(?:\s+(?:here|herein|now|also|for the first time))?(?:,\s*(?:therefore|thus)\s*,)?"
    r"(?P<that>\s+that\b)?\s*",
    re.I,
)
# verbs that state the claim (the frame goes), that hedge it (kept unless the claim hedges itself), and the
# authors' opinions (only a claim that hedges itself stands without them)
STATING_VERBS = frozenset(
    """conclude concluded find found show shows showed shown demonstrate demonstrates demonstrated confirm
    confirms confirmed indicate indicates indicated reveal reveals revealed establish establishes established
    observe observed note noted document documents documented report reports reported prove proves proved
    identified determine determines determined illustrate illustrates illustrated""".split()
)
HEDGING_VERBS = frozenset(
    "suggest suggests suggested imply implies implied support supports supported".split()
)
OPINION_VERBS = frozenset(
    """believe think feel propose recommend speculate hypothesize hypothesise advocate consider argue expect
    anticipate assume postulate suggest""".split()
)
# the frame's subject goes on to a second verb of its own after the claim: "These data indicate that X may not
# impact on survival ... and support the concept that ..." (tune36: without the frame, "and support" had no
# subject; the claim is quoted up to it); only plural or bare forms, as after "these data" or "we" ("...
# and supports" is the claim's own)
FRAME_GOES_ON = re.compile(
    r"\band (?:also |further )?(?:support|suggest|indicate|show|demonstrate|confirm|highlight|underscore|"
    r"emphasi[sz]e|argue|point to|raise) (?:that|the (?:hypothesis|concept|notion|idea|view|possibility|"
    r"importance|need|role|potential))\b",
    re.I,
)
# a modal hedge inside the claim itself ("X may reduce Y"): the claim keeps it when the frame goes
MODAL_HEDGE = re.compile(
    r"\b(?:may|might|could|possibly|probably|likely|appears? to|seems? to|potential(?:ly)?)\b", re.I
)
# the lead of a frame that only points at the study itself ("In this study, we found that ...")
SELF_LEAD = re.compile(
    r"^(?:(?:in|from|based on|on the basis of|given|according to|within|with) (?:this|these|the present|"
    r"the current|our|the) (?:\w+ ){0,2}?(?:study|trial|analysis|series|cohort|review|population|sample|"
    r"experience|results?|findings?|data|observations?|work|investigation|paper|article|report)|here|herein|"
    r"together|collectively|altogether)\s*,?\s*$",
    re.I,
)
# "... in adults with XLH.© 2018 The Authors": a publisher's copyright line after the last full stop, to the
# end of the text (at most 20 more words: "© 2002 John Wiley & Sons, Inc. Muscle Nerve 25: 111-114"); not at
# the start of a text, nor inside a sentence ("The SF-36 (copyright 1992 Medical Outcomes Trust) was ...")
COPYRIGHT_NOTE = re.compile(
    r"(?<=[.!?])\s*(?:©\s*(?:copyright\s*)?|copyright\s*(?:©|\(c\))?\s*|\(c\)\s*)(?:19|20)\d\d\b"
    r"\S*(?:\s+\S+){0,20}\s*$",  # one way to split the words: no backtracking (a 60 s hang had been)
    re.I,
)
# "(ABSTRACT TRUNCATED AT 250 WORDS)": a database's note, not the authors' text
TRUNCATION_MARKER = re.compile(
    r"\s*[(\[]\s*abstract truncated(?:\s+at\s+\d+\s+words)?\s*[)\]]\.?"
    r"|\s*\babstract truncated at \d+ words\b\.?",
    re.I,
)

# -- sentences that say nothing of their own ------------------------------------------------------------
# a sentence made only of these words (and stopwords) evaluates or frames findings it does not state: "The
# results are both surprising and disappointing.", "Further studies are needed.", "These findings are
# important."
EVALUATIVE_WORDS = frozenset(
    """result results finding findings data observation observations study studies trial trials work research
    investigation investigations analysis analyses evidence present current this these our both overall
    surprising surprisingly disappointing encouraging promising interesting intriguing important
    remarkable striking unexpected unexpectedly noteworthy novel valuable useful relevant preliminary
    further future larger large well-designed additional more needed necessary warranted required need needs
    confirm clarify discussed presented reported described obtained implication implications conclusion
    conclusions""".split()
)

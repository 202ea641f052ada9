"""Rules that tell web and document boilerplate from content, passage by passage.

Every passage gets a reason, or ``None`` when it is content. Reasons (``REASONS``):

``navigation``      menus, breadcrumbs, "Skip to content", language switchers, related-links lists, footer links
``appeal``          membership, donation, newsletter and volunteering appeals ("Become a member today!")
``comments``        comment sections: "Leave a Reply", "Your email address will not be published", "3 comments",
                    commenters' names with timestamps and the comments themselves, "Reply" links
``widget``          accessibility widgets ("Font size A A A"), share buttons, cookie banners, buttons
``signatories``     long lists of signatory organisations or names
``credits``         image/photo credits, copyright lines, wire-service "Reporting by ... Editing by ..." lines
``metadata``        "views: 72", tags, categories, reading time, "Posted ... | Category ...", bylines or dates alone
``editorial_note``  notes from the editors (on terminology, corrections, "(Adds ..., updates ...)")
``page_furniture``  running headers/footers, page numbers, export banners (also from ``Passage.kind``)
``footnote``        footnotes (from ``Passage.kind``)

The rules are regular expressions plus line-shape features (share of capitalised tokens, short
unpunctuated lines in a row, separators such as ``|``). They are written against what a reader
produces from a saved page (trafilatura) and against text pasted from a browser (one paragraph per
line, boilerplate included). Prose that merely *mentions* donations, comments or members ("The
foundation said donations from the diaspora paid for the school") is not flagged: appeals need a
second-person or imperative form.

:func:`split_lines` first cuts passages where a run of lines is unmistakably boilerplate (a menu, a
cookie banner, "views: 72") so that short boilerplate lines that segmentation attached to the next
paragraph do not drag content with them; :func:`detect` then gives each passage its reason, using
the passages around it for comment sections, signatory lists and related-links lists.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Any

REASONS = ("navigation", "appeal", "comments", "widget", "signatories", "credits", "metadata",
           "editorial_note", "page_furniture", "footnote")
#: Passage kinds from segmentation that are boilerplate by themselves (reason = the kind).
BOILERPLATE_KINDS = ("page_furniture", "footnote")

_I = re.IGNORECASE
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE = re.compile(
    rf"\b(?:\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|"
    rf"\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}})\b", _I)
_COMMENT_TIME = re.compile(rf"^(?:{DATE.pattern}|\w+ \d{{1,2}}, \d{{4}})(?:\s*(?:at|@)\s*\d{{1,2}}[:.]\d{{2}}\s*(?:am|pm)?|"
                           rf",?\s*\d{{1,2}}[:.]\d{{2}}\s*(?:am|pm))$", _I)

# Whole-line rules: (reason, pattern). A line matching one of these is boilerplate wherever it is.
_TOOL = (r"(?:print|e-?mail|pdf|send (?:by |via |as )?e-?mail|save as pdf|e-?mail this(?: page| article)?|download(?: pdf)?|cite(?: this)?|save|bookmark|listen(?: \(\d+ min\))?|copy link|share|tweet|facebook|"
         r"twitter|x|telegram|whatsapp|linkedin|vk|reddit|pinterest|messenger|viber|f|in)")
#: Headings of link lists: "Related analysis", "More news on this topic", "Recent Posts", "News feed", "Archives".
_LIST_HEAD = (r"(?:related|similar|more|other|latest|recent|top|popular|trending|recommended|featured|editor'?s'? picks?)"
              r"(?: (?:news|posts|stories|articles|analysis|commentary|headlines|reports|videos|publications|content|reading|"
              r"(?:press )?releases|statements|updates|events|episodes|issues|items))"
              r"(?: (?:on|from|about|in) [\w ]{1,30})?|news ?feed|news ticker|archives?|(?:blog )?categories|popular tags")
#: a counter: "34 Likes", "3 Restacks", "1.1K Followers", "412 claps"
_COUNT = (r"\d[\d.,]*\s?[KkMm]?\s+(?:likes?|restacks?|claps?|shares?|followers|following|subscribers|reposts?|retweets?|"
          r"upvotes?|downvotes?|points|reactions?|bookmarks?)")
_LINE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("credits", re.compile(r"^(?=.{0,200}$).*(?:©|\bcopyright \d{4}|all rights reserved)", _I)),   # before "powered by" footers
    ("navigation", re.compile(r"^(?:read (?:the|this) (?:article|page|text|story) in|(?:also )?available in)\b.{0,60}$|"
                              r"^(?:other languages?|languages?|select (?:your )?language)\s*(?::\s*\S.{0,80})?$", _I)),  # language switchers
    ("widget", re.compile(r"^(?:loading|please wait)\W*$|^(?:advertisement|advertising|sponsored(?: content)?|ads?)$|"
                          r"^follow us(?: on [\w .]{1,30})?!?$", _I)),
    ("editorial_note", re.compile(r"\bpress ctrl\s*\+\s*enter\b|^if you (?:notice|find|spot|see) an? (?:error|typo|mistake|misprint)\b", _I)),
    ("widget", re.compile(rf"^{_TOOL}(?:\s*[|·•/]?\s*{_TOOL}){{1,10}}$", _I)),     # Print | Email | PDF | Listen
    ("navigation", re.compile(
        r"^(?:skip to (?:main )?(?:content|menu|navigation|footer)|(?:main |primary )?menu|home|search(?:\s*\.{3}|…)?|"
        r"back to top\W*|sitemap|contact(?: us)?|about(?: us)?|next (?:post|article|story)\W*|previous (?:post|article|story)\W*|"
        r"read more\W*|load more|more news|related(?: posts| articles| stories| news| content)?:?|you (?:may|might) also like:?|"
        r"more (?:from|on) [\w ]{1,40}:?|most (?:read|popular|viewed)|trending(?: now)?|latest(?: news)?|top stories|"
        r"(?:all )?news|projects|publications|gallery|media|videos?|photos?|archive|login|log in|register|sign in|"
        r"toggle navigation|open menu|close menu|close|sign out|log ?out|open in (?:the )?app|get the app|my account|"
        r"create (?:an )?account|previous|next|" + _LIST_HEAD + r")\s*:?$", _I)),
    ("navigation", re.compile(r"^(?:home|main)\s*[>»/›|]\s*\S", _I)),                 # breadcrumb
    ("navigation", re.compile(r"^(?:read (?:next|also)|see also|more (?:stories|articles|analysis|commentary)|"
                              r"further reading|recommended(?: for you)?|in this section|explore more)\s*:?$", _I)),
    ("navigation", re.compile(r"^(?!.*[.!?]$)[^/>»›→|!?]{1,40}(?:\s(?:[>»›→]|->|=>)\s[^/>»›→|!?]{1,40}){1,5}$|"
                              r"^(?:jump to|go to)\s*:\s*\S", _I)),  # Forum Index -> Politics, "Jump to: ..."
    ("navigation", re.compile(r"^[^\d/>»›|.!?]{1,30}(?:\s[>»›]\s[^\d/>»›|.!?]{1,30}){1,5}$|"
                              r"^[^\d/>»›|.!?]{1,30}(?:\s/\s[^\d/>»›|.!?]{1,30}){2,5}$")),        # Research / Region / Commentary
    ("navigation", re.compile(r"^[^\d|:.!?]{1,25}(?:\s\|\s[^\d|:.!?]{1,25}){2,12}$")),              # Careers | Press | Contact
    ("navigation", re.compile(r"^[A-Z]{2}(?:\s*[|/·]\s*[A-Z]{2}){1,6}$")),           # AZ | EN | RU
    ("navigation", re.compile(r"^(?:[>»›]|→)\s*\S")),                                # related-link items
    ("navigation", re.compile(r"^(?:read (?:also|more|next)|see also|also read|related|more on this(?: topic)?)\s*:\s*\S.{0,150}$", _I)),
    ("navigation", re.compile(r"^[←‹«]\s*\S.{0,120}$|^\S.{0,120}\s*[→›]$")),                 # ← previous post / next post →
    ("navigation", re.compile(r"(?:privacy policy|terms of (?:use|service)|cookie policy|sitemap|imprint|impressum)"
                              r"(?:\s*[|·•]\s*[\w ]{1,30}){1,8}$", _I)),
    ("navigation", re.compile(r"\bpowered by\b.{0,40}(?:wordpress|drupal|joomla|ghost|wix|squarespace|blogger)|"
                              r"^theme:|\|\s*theme:", _I)),
    ("navigation", re.compile(r"^(?:address|tel|phone|fax|e-?mail|contacts?)\s*:.{0,120}(?:\||\+\d|@)", _I)),
    ("page_furniture", re.compile(r"^(?:={2,}|-{2,}|\*{2,}).*(?:={2,}|-{2,}|\*{2,})$|^[=\-_*~#]{3,}$")),
    ("page_furniture", re.compile(r"^(?:page )?\d{1,4}(?: of \d{1,4})?$", _I)),
    ("widget", re.compile(r"^contrast\b|^reset$|font[ -]?size|\bA\s*A\s*A\b|\bA[-+]\s*A\s*A[-+]|font:?\s*(?:arial|verdana|tahoma|times|georgia)|"
                          r"(?:increase|decrease|reset) (?:text|font)(?: size)?|high contrast|negative contrast|readable font|"
                          r"links underline|light background|text to speech|listen to this (?:article|page)|"
                          r"^accessibility(?: (?:menu|options|tools|settings))?$|^print(?: this (?:page|article))?$|"
                          r"^copy link$|^share(?: this| on| via)?(?: (?:article|post|page|story))?\s*[:|]?", _I)),
    ("widget", re.compile(r"\b(?:we|this (?:web)?site)(?: and our (?:\w+ )?(?:partners|vendors|affiliates))? uses? cookies|\bcookie (?:settings|preferences|policy|consent)\b.*\b(?:accept|agree|reject)|"
                          r"by continuing to (?:browse|use)|^(?:accept|reject|decline|allow)(?: all| necessary| selected)?(?: cookies)?$|"
                          r"^(?:cookie |privacy )?(?:settings|preferences)$|^manage (?:cookies|settings|preferences|options|consent)$", _I)),
    ("appeal", re.compile(r"^(?=.*\b(?:donate|subscribe|join|become a member|volunteer|support|sign up|newsletter)\b)(?:\[[^\]]{1,40}\]\s*)+$", _I)),
    ("comments", re.compile(r"^\[(?:post|submit|add|leave)(?: a| your)? (?:comment|reply)\]$", _I)),
    ("widget", re.compile(r"^(?:\[[^\]]{1,40}\]\s*)+$")),                             # [Accept all] [Settings]
    ("widget", re.compile(r"^(?:(?:facebook|twitter|x|telegram|whatsapp|linkedin|vk|reddit|pinterest|email|e-mail|print|"
                          r"copy link|messenger|viber)\b[\s,|·]*){2,}$", _I)),
    ("widget", re.compile(r"^(?:follow us|find us|connect with us|share)\b.{0,10}:?(?:\s*(?:facebook|twitter|x|instagram|youtube|"
                          r"telegram|whatsapp|linkedin|vk|tiktok|email|f|in|rss)\b[\s,|]*){2,}$", _I)),
    ("comments", re.compile(r"^leave a (?:reply|comment|response)\b|your email address will not be published|"
                            r"required fields are marked|^\[?(?:post|submit|add) (?:a |your )?comment\b|^reply(?: ↓)?$|^cancel reply$|"
                            r"^\d+ (?:comments?|responses?|replies|thoughts on\b.*)$|^comments?(?: \(\d+\))?:?$|"
                            r"save my name,? email|^(?:name|email|e-mail|website|comment)\s*\*?$|"
                            r"^(?:name|email)\s*\*\s+(?:email|comment)|log in to (?:reply|comment)|"
                            r"^no comments(?: yet)?\.?$|be the first to comment|^like(?: \(\d+\))?$|^responses? \(\d+\)$|"
                            r"^(?:write|add|post|leave) (?:a |your )?(?:comment|response|reply)\W*$|^what are your thoughts\?$|^join the discussion$|^comments (?:are|were) (?:closed|disabled)\b", _I)),
    ("metadata", re.compile(r"^about the authors?:?$|^(?:author|authors|written by):\s", _I)),
    # e-mail newsletter furniture: "View this email in your browser", "Unsubscribe | Update your preferences",
    # "You are receiving this email because you signed up ..."
    ("navigation", re.compile(r"^(?=.{0,200}$)(?:(?:view|read|open) (?:this (?:e-?mail|newsletter|issue) )?(?:in|on) (?:your |a |the )?"
                              r"(?:browser|web)\b|(?:click here to )?unsubscribe\b|update (?:your )?(?:subscription )?preferences\b|"
                              r"manage (?:your )?(?:subscriptions?|e-?mail preferences)\b|forward (?:this e-?mail )?to a friend\b|"
                              r"you (?:are receiving|received|have received) this (?:e-?mail|newsletter|message) because\b|"
                              r"to stop receiving (?:these|our) e-?mails\b|(?:was this|this) e-?mail (?:was )?forwarded to you\b)", _I)),
    # exchange rates and weather in a page's top bar: "USD 403.15 EUR 437.90 RUB 4.42 Yerevan +7°C"
    ("widget", re.compile(r"^(?=.{0,120}$)(?!.*[.!?]$)(?:.*\b(?:USD|EUR|RUB|GBP|CHF|JPY|CNY|TRY|AMD|AZN|GEL|UAH|KZT)\s*[\d.,]+\b){2}|"
                          r"^(?:USD|EUR|RUB|GBP|CHF|JPY|CNY|TRY|AMD|AZN|GEL|UAH|KZT)(?:/[A-Z]{3})?\s*[\d.,]+\s*[▲▼↑↓]?\s*(?:[+-−]?[\d.,]+%?)?$|"
                          r"^(?=.{0,60}$)[\w .,-]{0,30}[+-−]?\d{1,2}\s?°\s?[CF]$")),
    # counters under a post: "34 Likes ∙ 3 Restacks", "1.1K Followers", "412 claps"
    ("widget", re.compile(rf"^{_COUNT}(?:\s*[∙·•|]\s*{_COUNT})*$", _I)),
    # export and feed records: "1 of 3 DOCUMENTS", "Document 2 of 5", "Item 4/12"
    ("metadata", re.compile(r"^(?:document|record|item|result|article|entry)\s+\d+\s*(?:of|/)\s*\d+$|"
                            r"^\d+\s*(?:of|/)\s*\d+\s+(?:documents?|records?|items?|results?|articles?|entries|stories)$|"
                            r"^(?=.{0,100}$)(?!.*[.!?]$).*\b(?:export|exported|feed|saved|search)\b.*\(\d+\s+(?:items?|results?|"
                            r"documents?|records?|entries|articles?|stories)\)$", _I)),
    ("metadata", re.compile(r"^(?:(?:number of |total |page )?(?:views?|hits|reads)|viewed|read)\s*:?\s*[\d,. ]+(?: times)?$|^[\d,. ]+ (?:views|reads|shares)$|^(?:tags?|keywords|topics?|"
                            r"categor(?:y|ies)|filed under|posted in)\s*:|^\d+\s*min(?:ute)?s?\.? read$|reading time|"
                            r"^#\w+(?:\s+#\w+)*$|^(?:posted|published)\b.{0,60}\||^(?=.{0,160}$).*\b(?:has been |was )?(?:viewed|read) \d[\d,. ]* times\b", _I)),
    ("metadata", re.compile(r"^(?=.{0,80}$).*\b\d+\s*min(?:ute)?s?\.?\s+read\b|^this (?:entry|post|article|item) was (?:posted|filed|published) in\b|"
                            r"\bbookmark the permalink\b|^(?:saved search|search (?:results|query|terms))\s*:|^results? \d+\s*[-–]\s*\d+ of \d+\b|"
                            r"^(?=.{0,120}$).*\bexported (?:on )?\d{1,2}|^(?=.{0,120}$)(?:showing|displaying) \d+\s*(?:[-–]\s*\d+ )?(?:of \d+ )?results?\b", _I)),
    ("credits", re.compile(r"^(?:(?:cover|top|main|header|featured|lead)\s+)?(?:photo|image|picture|illustration|video|graphic)s?"
                           r"(?:\s+credits?)?\s*(?::|by\b|©|courtesy)|^credits?:|^sources?:(?!.*(?:\||\b\d{4}\b))|©|^\(c\)\s*\d{4}|^copyright\b|all rights reserved|"
                           r"^(?:additional )?(?:reporting|writing|editing|compiled|translated|edited)\s+by\b|"
                           r"\s/\s(?:AFP|Reuters|AP|Getty Images|Shutterstock|Sputnik|Anadolu|EPA|TASS|APA|Azertac|Armenpress)\b|"
                           r"^\((?:additional )?(?:reporting|writing|editing|compiled|translated|edited)\s+by\b.*\)$|"
                           r"\b(?:full or partial )?(?:reproduction|republication|reprinting|use) of (?:the |our )?materials?\b.{0,80}"
                           r"\b(?:permitted|allowed|prohibited|forbidden)\b", _I)),
    ("editorial_note", re.compile(r"^(?:editor'?s'? note|editorial note|note from the editors?|a note on (?:terminology|language|names|"
                                  r"place names|style)|terminology note|note on (?:terminology|names)|correction|disclaimer)\b|"
                                  r"\bviews expressed (?:in|here|on)\b.{0,60}\b(?:author|not necessarily|do not)|"
                                  r"^\((?:adds|updates|corrects|recasts|refiles|changes)\b.*\)$|"
                                  r"^(?=.{0,300}$).*\b(?:for internal use only|not for (?:re)?distribution|please do not (?:forward|"
                                  r"distribute|redistribute|circulate|share)\b)", _I)),
    ("appeal", re.compile(r"^(?:donate(?: now| today)?|volunteer|subscribe|join(?: us| now)?|become a member(?: today)?!?|"
                          r"support us|sign up)$|^\[?(?:donate|subscribe|join)\b.*\]$|subscribe to (?:our|the) newsletter|"
                          r"^enter your e-?mail|\bbecome a (?:member|supporter|patron|friend)\b|\bdonate (?:now|today|via|to)\b|"
                          r"\bmake a (?:donation|gift)\b|\byour (?:donation|gift|support|membership)\b|"
                          r"\bconsider becoming a (?:free or paid |paid |free )?(?:subscriber|member|supporter|patron)\b|"
                          r"\bsubscribe (?:for free|now|today)\b|^type your e-?mail|^enter your e-?mail|\bjoin [\w ]{1,30} for free\b|"
                          r"\b(?:to )?(?:receive|get) (?:new posts|updates from this|our latest)\b|"
                          r"\b(?:support|help) (?:us|our work|our mission|independent journalism)\b|\bjoin (?:us|now|today)\b|"
                          r"\b(?:in|to) your inbox\b|\bsign up (?:for|to)\b|^get (?:our|the) (?:\w+ ){0,4}(?:briefing|newsletter|digest|"
                          r"updates|alerts)\b|\b(?:subscribe|follow us|join us|join our)\b.{0,40}\b(?:channel|newsletter|mailing list|"
                          r"podcast|page|account|feed)\b|\bplease (?:consider )?(?:a |making a )?(?:donat\w*|support\w*|subscrib\w*|"
                          r"contribut\w*|chip in)\b|\bconsider (?:a (?:small |monthly )?(?:donation|gift|contribution)|donating|supporting us)\b|"
                          r"\bif you (?:value|enjoy|appreciate|like|rely on) (?:our|this|what we do)\b.{0,30}\b(?:work|journalism|reporting|research|"
                          r"analysis|coverage|content|articles?|site|website|newsletter|podcast|does)\b|"
                          r"^(?:stay (?:informed|updated|in touch|connected)|don'?t miss (?:a|an|any|our)\b.{0,40}|never miss\b.{0,40})!?$", _I)),
]
#: Reasons whose line rules are safe to cut out of a passage (not bylines or dates, which belong to a header).
SPLITTABLE = {"navigation", "page_furniture", "widget", "comments", "metadata", "credits", "appeal", "editorial_note"}

_REPORTING = re.compile(r"\b(?:said|says|told|according to|reported|stated|announced|wrote|argued|urged)\b", _I)
_SECOND_PERSON = re.compile(r"\b[Yy]ou(?:r|rs)?\b|!|\[|\bDONATE\b")
_BYLINE = re.compile(r"^(?:by|author:?|written by|words by|text by)\s+[A-Z][\w.'’-]+(?:\s+(?:and\s+)?[A-Z][\w.'’-]+){0,5}$", _I)
_COMMENTER = re.compile(r"^[\w.'’ -]{2,40}\s+(?:says|said|wrote|replied):?$", _I)
_SIGNATORY_HEAD = re.compile(r"^(?:list of )?(?:signatories|signed by|co-?signed by|endorsed by|the undersigned|signatory "
                             r"organi[sz]ations|supported by the following)\b.{0,60}:?$", _I)
_RELATED_HEAD = re.compile(r"^(?:related(?: posts| articles| stories| news| content)?|you (?:may|might) also like|read (?:more|also|next)|"
                           r"see also|further reading|more (?:stories|articles|analysis|commentary)|"
                           r"more (?:from|on) [\w ]{1,40}|(?:latest|recent|more) (?:from|in|on) (?:the |our )?[\w ]{1,30}|most (?:read|popular|viewed)|"
                           r"latest(?: news)?|recommended|" + _LIST_HEAD + r")\s*:?$", _I)
_COMMENTS_HEAD = re.compile(r"^(?:\d+ (?:comments?|responses?|replies|thoughts on\b.*)|(?:comments?|responses?|replies)(?: \(\d+\))?:?|"
                            r"(?:write|add|post|leave) (?:a |your )?(?:comment|response|reply)\W*|what are your thoughts\?)$", _I)
_ORG_WORD = re.compile(r"\b(?:union|association|foundation|fund|cent(?:re|er)|institute|committee|society|network|initiative|"
                       r"council|coalition|league|club|federation|alliance|chamber|assembly|group|movement|organi[sz]ation|"
                       r"ngo|council|party|watch|observatory|clinic|academy|university|church|diocese|community|youth|"
                       r"women|human rights|office|agency|press|media|journalists|lawyers|forum|platform|project|trust)\b", _I)
_SENTENCE_END = re.compile(r"[.!?…][\"”’»)]?$")
_BIO = re.compile(r"^(?:(?:Dr|Prof|Mr|Ms|Mrs)\.? )?[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3} (?:is|was) (?:a|an|the) (?:[\w-]+ ){0,5}"
                  r"(?:fellow|researcher|journalist|professor|lecturer|editor|correspondent|analyst|writer|reporter|"
                  r"scholar|associate|expert|student|candidate|contributor|columnist|blogger|historian|economist)\b")
_BIO_CUE = re.compile(r"\b(?:(?:her|his|their) (?:research|work|writing|reporting)|(?:she|he|they) (?:writes|has written|"
                      r"previously|holds|teaches|studied|covers|is the author)|is the author of|can be reached|follow (?:her|him) on)\b", _I)
_TICKER = re.compile(r"^\d{1,2}[:.]\d{2}\s+[^\W\d_]")
#: the text of a note: starts upper case, ends a sentence
_NOTE_TEXT = re.compile(r"^[A-Z\"“(].{10,400}[.!?)\"”]$")
#: a letter's closing formula on a line of its own ("Yours sincerely,", "On behalf of the Institute,")
_CLOSING = re.compile(r"^(?:(?:yours )?(?:sincerely|faithfully|truly|respectfully)(?: yours)?|(?:with )?(?:kind|best|warm)(?:est)? "
                      r"regards|respectfully submitted|(?:for and )?on behalf of [^,.;]{2,80})\s*,?$", _I)
#: a signer line: "Nino Beridze, Director", "Gor Melikyan, Union of Families of Missing Servicemen"
_NAME_TITLE = re.compile(r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3},\s*[A-Z][^.!?]{1,80}$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


#: a commenter's name on a line of its own: "Lusine K.", "Armen S.", "Ilkin Mammadli", "Ani_Gyumri" (1-3 words)
_NAME_LINE = re.compile(r"^(?:@?[A-Za-z][\w.-]*[_\d][\w.-]*|[A-Z][\w'’-]+(?: [A-Z][\w'’-]*\.?| [A-Z]\.){0,2})$")
#: a comment's time stamp alone: "Feb 3, 2024", "May 19", "Posted: Sat Aug 16, 2025 7:05 am", "2 hours ago"
_STAMP_LINE = re.compile(rf"^(?:(?:posted|commented|replied)\s*:?\s*(?:on\s+)?)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
                         rf"(?:{DATE.pattern}|{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?|"
                         rf"\d+\s*(?:min(?:ute)?s?|h(?:ours?|rs?)?|d(?:ays?)?|w(?:eeks?)?|mo(?:nths?)?)\s+ago|yesterday|today)"
                         rf"(?:,?\s*(?:at\s+)?\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?)?$", _I)


def _name(line: str) -> bool:
    s = line.strip()
    return (bool(_NAME_LINE.match(s)) and not DATE.search(s) and len(s.split()) <= 3
            and not re.match(r"^(?:updated?|posted|published|edited|breaking|live|latest|new|news|today|yesterday)\b", s, _I))


def comment_header(lines: Sequence[str], k: int) -> bool:
    """Line ``k`` starts a comment's header: a short name alone, then a time stamp alone ("Lusine K." / "Feb 3, 2024"),
    or both on one line ("Armen S. · May 19"), then more text."""
    if k + 1 < len(lines):
        parts = re.split(r"\s+[·•|—–-]\s+", lines[k].strip(), maxsplit=1)
        if len(parts) == 2 and _name(parts[0]) and _STAMP_LINE.match(parts[1]):
            return True
    return k + 2 < len(lines) and _name(lines[k]) and bool(_STAMP_LINE.match(lines[k + 1].strip()))


def line_reason(line: str) -> str | None:
    """The boilerplate reason of one line read on its own, or None."""
    s = line.strip().strip("\u200b\ufeff")
    if not s:
        return None
    for reason, pat in _LINE_RULES:
        if pat.search(s):
            if reason == "appeal" and not _is_appeal(s):
                continue
            if reason == "credits" and len(s.split()) > 40:
                continue
            if reason in ("widget", "navigation", "metadata", "comments") and len(s.split()) > 40:
                continue
            return reason
    fields = [f.strip() for f in re.split(r"\s[|·•]\s", s)]
    if len(fields) >= 3 and sum(bool(_KEY_VALUE.match(f)) for f in fields) >= 2 and not _SENTENCE_END.search(s):
        return "metadata"  # a profile or record line: "Raffi | Watertown, MA | Joined: 12 Mar 2009 | Posts: 2113"
    return None


_KEY_VALUE = re.compile(r"^[A-Z][\w -]{1,20}:\s*\S.{0,30}$")
#: the header of a forum post or reply: a user handle, "Posted"/"wrote" and a date ("Ani_Gyumri Posted: Sat Aug 16, 2025 7:05 am")
_POST_HEAD = re.compile(rf"^[^\s|:]{{2,30}}\s*(?:\t|\s)\s*(?:posted|wrote|replied)\s*:?\s*(?:on\s+)?[\w,. ]{{0,12}}?(?:{DATE.pattern})"
                        r"[\w,.: ]{0,20}$", _I)


def _is_appeal(text: str) -> bool:
    """Appeals speak to the reader (you, imperatives, buttons, !); reports about donations do not."""
    words = len(text.split())
    if words <= 6:
        return True
    if words > 90:
        return False
    if _REPORTING.search(text) and not re.search(r"\byou(?:r)?\b", text, _I):
        return False
    # a sentence that opens with an appeal verb addresses the reader ("... possible. Join today for €5 a month")
    return bool(_SECOND_PERSON.search(text)) or bool(re.search(
        r"(?:^|[.!?]\s+)(?:donate|join|become|subscribe|support|help|give|sign up)\b|\bconsider (?:becoming|donating|subscribing|"
        r"supporting|upgrading)\b|\bsupport (?:my|our) work\b", text, _I))


def _cap_share(text: str) -> float:
    words = _WORD.findall(text)
    if not words:
        return 0.0
    small = {"of", "and", "for", "the", "in", "on", "a", "an", "to", "de", "la", "du", "des", "&", "at", "with"}
    counted = [w for w in words if w.lower() not in small]
    return sum(w[0].isupper() for w in counted) / max(len(counted), 1)


def _entry_like(line: str) -> bool:
    """A line that reads as one entry of a list of organisations or people (short, capitalised, unpunctuated)."""
    s = line.strip().lstrip("-•*·▪–— ").strip()
    if not s or len(s.split()) > 16 or _SENTENCE_END.search(s) and not s.endswith(("Inc.", "Ltd.", "e.V.")):
        return False
    if sum(c.isdigit() for c in s) > 0.15 * len(s) or DATE.search(s) or re.match(r"^(?:to|from|re|ref|subject|date)\b", s, _I):
        return False  # table rows, dates, letterhead and address lines are not list entries
    return _cap_share(s) >= 0.6 or bool(_ORG_WORD.search(s) and _cap_share(s) >= 0.4)


def _signatory_text(text: str) -> bool:
    """An inline list: 'Signed by: A Union, B Centre, C Foundation, ...' (many separators, capitalised)."""
    parts = [p.strip() for p in re.split(r"[;,]|\s[•·|]\s", text) if p.strip()]
    if len(parts) < 8:
        return False
    entries = sum(1 for p in parts if _entry_like(p))
    return entries / len(parts) >= 0.75 and _cap_share(text) >= 0.6


def _unbullet(line: str) -> str:
    return re.sub(r"^\s*[-•*·▪–—]\s+", "", line).strip()


def _lines_of(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip()]


def passage_reason(raw: str, kind: str = "content") -> str | None:
    """The reason of a passage read on its own (``raw``: its original text, line breaks kept)."""
    if kind in BOILERPLATE_KINDS:
        return kind
    lines = _lines_of(raw)
    if not lines:
        return None
    flat = " ".join(raw.split())
    reasons = menu_runs(lines)
    # Comment entries: a commenter line or a comment timestamp anywhere in the passage.
    if any(_COMMENT_TIME.match(ln.strip()) or _COMMENTER.match(ln.strip()) for ln in lines):
        return "comments"
    if _POST_HEAD.match(lines[0].strip()):
        return "comments"
    entry_words = sum(len(ln.split()) for ln in lines if _entry_like(ln))
    if (len(lines) >= 5 and sum(_entry_like(ln) for ln in lines) / len(lines) >= 0.8
            and entry_words >= 0.8 * len(flat.split()) and not any(map(line_reason, lines))):
        return "signatories"
    if _signatory_text(flat):
        return "signatories"
    if _SIGNATORY_HEAD.match(_unbullet(lines[0])) and (len(lines) > 1 or len(flat.split()) <= 12):
        return "signatories"
    if (len(lines) >= 3 and _CLOSING.match(lines[0].strip()) and len(flat.split()) <= 80
            and all(_entry_like(ln) or _NAME_TITLE.match(ln.strip()) for ln in lines[1:])):
        return "signatories"  # a letter's closing formula and its signers ("On behalf of the Institute," / names)
    if len(lines) >= 3 and len(flat.split()) <= 80 and all(_NAME_TITLE.match(ln.strip()) for ln in lines):
        return "signatories"  # a signature block: "Dr. R. Keller, University of Bern" / "Nino Beridze, Director" / ...
    if _RELATED_HEAD.match(lines[0].strip()) and all(_headline_like(ln) for ln in lines[1:]):
        return "navigation"
    words = len(flat.split())
    covered = sum(len(ln) for ln, r in zip(lines, reasons) if r)
    if covered and covered >= 0.6 * sum(len(ln) for ln in lines):
        by: dict[str, int] = {}
        for ln, r in zip(lines, reasons):
            if r:
                by[r] = by.get(r, 0) + len(ln)
        return max(by, key=by.__getitem__)
    first = lines[0].strip()
    if reasons[0] == "editorial_note":
        return "editorial_note"
    if re.search(r"\b(?:this|our) (?:website|site|article|publication|outlet|newspaper|report)s? (?:uses?|refers?|follows?)\b.{0,80}"
                 r"\b(?:names?|terms?|spellings?|toponyms?|terminology)\b|\bwe (?:use|refer to|write)\b.{0,60}\b(?:names?|terms?|"
                 r"spellings?|toponyms?)\b", flat, _I) and words <= 120:
        return "editorial_note"
    if reasons[0] == "appeal" or (words <= 90 and any(r == "appeal" for r in reasons)):
        return "appeal"
    if words <= 90 and _is_appeal(flat) and line_reason(flat) == "appeal":
        return "appeal"
    if words <= 12 and (_BYLINE.match(first) or (DATE.search(flat) and len(DATE.sub("", flat).split()) <= 3)) and len(lines) <= 3:
        return "metadata"
    if words <= 40 and reasons[0] == "credits":
        return "credits"
    if all(_FIELD.match(ln.strip()) for ln in lines) and (len(lines) >= 2 or words <= 12 and _field_value_like(first)):
        return "metadata"  # export fields alone: "LOAD-DATE: March 5, 2024", "LANGUAGE: ENGLISH", "Link: https://..."
    if (len(lines) <= 3 and words <= 25 and not any(_SENTENCE_END.search(ln.strip()) for ln in lines) and DATE.search(first)
            and re.search(r"\b(?:digest|newsletter|press (?:review|summary|clippings)|media (?:review|monitoring)|news ?letter|"
                          r"bulletin|round-?up|clippings)\b", first, _I)):
        return "metadata"  # a digest's banner alone: "DAILY PRESS DIGEST · 3 May 2024" / "Prepared by the Press Office"
    if words <= 70 and _BIO.match(flat) and _BIO_CUE.search(flat):
        return "metadata"  # an author's bio: "Nino K. is a senior fellow ... Her research focuses on ..."
    return None


#: a field line of an export or feed: an upper-case field name ("LOAD-DATE:", "PUBLICATION-TYPE:") or a feed
#: field ("Link:", "GUID:", "Published:") and a short value, or a bare URL.
_FIELD = re.compile(r"^(?:[A-Z][A-Z]+(?:[-_ ][A-Z]+){0,2}:\s*\S(?:\S*\s?){0,11}|(?i:link|url|guid|permalink|source url|"
                    r"published|pubdate|updated|categories|feed|exported|generated|retrieved|items|results|entries):\s*\S(?:\S*\s?){0,11}|"
                    r"(?:https?://|www\.)\S+)$")


#: a field line of a feed or export entry: "Title: ...", "Category: Politics", "Published: Sat, 17 Feb 2024"
_ENTRY_FIELD = re.compile(r"^[A-Z][A-Za-z-]{1,20}(?: [A-Za-z-]{1,20})?:\s*\S")


def _field_value_like(line: str) -> bool:
    """A field line read alone: a URL, or a value that is short, a date or upper case ("LANGUAGE: ENGLISH"),
    not a headline after an acronym ("UNHCR: Armenia's refugee appeal less than a third funded")."""
    if ":" not in line or re.match(r"^(?:https?://|www\.)", line):
        return True
    value = line.split(":", 1)[1].strip()
    return len(value.split()) <= 4 or bool(DATE.search(value)) or value.isupper() or bool(re.match(r"^(?:https?://|www\.)", value))


def _menu_item(line: str) -> bool:
    s = line.strip()
    if not s or "\t" in line or "   " in s or re.search(r"\b\d{2,}\b", s):
        return False  # table rows (tabs, aligned columns, numbers) are not menus
    return len(s.split()) <= 5 and not _SENTENCE_END.search(s) and not s.endswith((":", ","))


_SINGLE_TOOL = re.compile(rf"^{_TOOL}$", _I)


def menu_runs(lines: Sequence[str]) -> list[str | None]:
    """Line reasons, with runs of menu-like lines (short, unpunctuated) made ``navigation``: a run of 3+
    that holds a known menu entry ("Home", "Contact"), or a run of 5+ that names no organisations."""
    reasons = [line_reason(ln) for ln in lines]
    i = 0
    while i < len(lines):
        if not _menu_item(lines[i]) or reasons[i] not in (None, "navigation", "appeal"):
            i += 1
            continue
        j = i
        while j < len(lines) and _menu_item(lines[j]) and reasons[j] in (None, "navigation", "appeal"):
            j += 1
        # the page's head (a title line, then a byline: "Notes from Gyumri" / "By Lilit Hakobyan") ends a menu run
        by = next((k for k in range(i, j) if _BYLINE.match(lines[k].strip())), None)
        if by is not None:
            j = max(i, by - 1)
        run = range(i, j)
        has_nav = any(reasons[k] == "navigation" for k in run)
        orgs = sum(bool(_ORG_WORD.search(lines[k])) for k in run)
        if (len(run) >= 3 and has_nav) or (len(run) >= 5 and orgs <= len(run) // 4):
            for k in run:  # "Donate" between two menu entries is a menu entry; a last "DONATE" button stays an appeal
                if reasons[k] is None or (reasons[k] == "appeal" and k + 1 < j and reasons[k + 1] != "appeal"):
                    reasons[k] = "navigation"
        i = max(j, i + 1)
    # Share buttons one per line ("Share" / "Facebook" / "Twitter"): a lone tool name next to a widget line is one too.
    for k in list(range(1, len(lines))) + list(range(len(lines) - 2, -1, -1)):
        for nb in (k - 1, k + 1):
            if (0 <= nb < len(lines) and reasons[k] is None and reasons[nb] == "widget"
                    and _SINGLE_TOOL.match(lines[k].strip())):
                reasons[k] = "widget"
    # Bare numbers in a row ("412" / "9": claps and responses) or next to a widget line are counters, not page numbers.
    bare = [bool(re.fullmatch(r"\d[\d.,]*[KkMm]?", ln.strip())) for ln in lines]
    if len(lines) >= 2 and bare[0] and reasons[0] == "page_furniture" and _NOTE_TEXT.match(lines[1].strip()) and reasons[1] is None:
        reasons[0] = None  # a note's number on a line of its own ("1" / "Statements by ..."), pasted from a web page
    for k in range(len(lines)):
        if bare[k] and reasons[k] in (None, "page_furniture") and any(
                0 <= nb < len(lines) and (bare[nb] or reasons[nb] == "widget") for nb in (k - 1, k + 1)):
            reasons[k] = "widget"
    for k in range(len(lines) - 2, -1, -1):  # a widget line after counters: "412" / "9" / "Listen" / "Share"
        if bare[k] and reasons[k] == "widget" and reasons[k + 1] is None and _SINGLE_TOOL.match(lines[k + 1].strip()):
            reasons[k + 1] = "widget"
    # A run of 3+ headlines that start with a time ("14:48 Metro to close ...") is a news ticker.
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and reasons[j] in (None, "navigation") and _TICKER.match(lines[j].strip()) and _headline_like(lines[j]):
            j += 1
        if j - i >= 3:
            for k in range(i, j):
                reasons[k] = "navigation"
        i = max(j, i + 1)
    # A short unpunctuated line between two lines of one boilerplate block ("Email address" in a newsletter
    # box, "Reply" between comments) belongs to that block.
    for k in range(1, len(lines) - 1):
        if (reasons[k] is None and reasons[k - 1] is not None and reasons[k - 1] == reasons[k + 1]
                and _menu_item(lines[k]) and len(lines[k].split()) <= 4):
            reasons[k] = reasons[k - 1]
    # After a related-links heading ("Read next"), headline-like lines are links.
    for i, ln in enumerate(lines):
        if _RELATED_HEAD.match(ln.strip()) or (reasons[i] == "navigation" and re.match(r"^read (?:next|also)|^see also", ln.strip(), _I)):
            k = i + 1
            while k < len(lines) and reasons[k] is None and _headline_like(lines[k]):
                reasons[k] = "navigation"
                k += 1
    return reasons


def _headline_like(line: str) -> bool:
    s = line.strip()
    return bool(s) and len(s.split()) <= 18 and not (_SENTENCE_END.search(s) and not s.endswith("?"))


def detect(raws: Sequence[str], kinds: Sequence[str] | None = None) -> list[str | None]:
    """One reason (or None) per passage, given each passage's original text in reading order.

    Context rules on top of :func:`passage_reason`: after a comments heading ("3 comments", "Comments")
    the passages up to the next non-comment boilerplate are comments; after a signatories heading
    ("Signed by:") lists of names are signatories; after a related-links heading ("Related posts")
    short headline-like passages are navigation.
    """
    kinds = list(kinds) if kinds is not None else ["content"] * len(raws)
    out = [passage_reason(r, k) for r, k in zip(raws, kinds)]
    _comment_threads(raws, kinds, out)
    section: str | None = None
    for i, raw in enumerate(raws):
        lines = _lines_of(raw)
        first = lines[0].strip() if lines else ""
        last = lines[-1].strip() if lines else ""
        if out[i] is None and section is not None:
            if section == "comments":
                out[i] = "comments"
            elif section == "signatories" and lines and sum(_entry_like(ln) for ln in lines) / len(lines) >= 0.6:
                out[i] = "signatories"
            elif section == "navigation" and lines and all(_headline_like(ln) for ln in lines):
                out[i] = "navigation"
            else:
                section = None
        elif out[i] is not None and section is not None and out[i] != section:
            section = None
        if re.match(r"^about the authors?:?$", last, _I) and i + 1 < len(raws) and len(raws[i + 1].split()) <= 80:
            if passage_reason(raws[i + 1], kinds[i + 1]) is None:
                out[i + 1] = "metadata"  # the author's bio under "About the author"
        if _COMMENTS_HEAD.match(first) or _COMMENTS_HEAD.match(last):
            nxt = raws[i + 1] if i + 1 < len(raws) else ""
            nl = _lines_of(nxt)
            if (any(_COMMENT_TIME.match(ln.strip()) or _COMMENTER.match(ln.strip()) for ln in nl)
                    or any(comment_header(nl, k) for k in range(min(3, len(nl))))):
                section = "comments"
                out[i] = "comments"
        elif _SIGNATORY_HEAD.match(_unbullet(first)) or _SIGNATORY_HEAD.match(_unbullet(last)):
            section = "signatories"
        elif _RELATED_HEAD.match(last) or (_RELATED_HEAD.match(first) and out[i] == "navigation"):
            section = "navigation"
        elif out[i] == "comments" and re.search(r"leave a (?:reply|comment)|post comment", raw, _I):
            section = None
    _tail(raws, kinds, out)
    _pasted_notes(raws, kinds, out)
    # an export record's trailer: its field lines ("LOAD-DATE: ...", "PUBLICATION-TYPE: ...") and the copyright line
    # right after them are one block
    for i in range(1, len(raws)):
        if (out[i] == "credits" and out[i - 1] == "metadata" and len(_lines_of(raws[i])) == 1
                and all(_FIELD.match(ln.strip()) for ln in _lines_of(raws[i - 1]))):
            out[i] = "metadata"
    # A short unpunctuated passage between two passages of one boilerplate block ("Email address" between a
    # newsletter pitch and its "Sign up" button) belongs to that block.
    for i in range(1, len(raws) - 1):
        lines = _lines_of(raws[i])
        if (out[i] is None and out[i - 1] is not None and out[i - 1] == out[i + 1] and kinds[i] == "content"
                and out[i - 1] not in BOILERPLATE_KINDS and len(lines) == 1 and _menu_item(lines[0])
                and len(lines[0].split()) <= 4):
            out[i] = out[i - 1]
    return out


def _pasted_notes(raws: Sequence[str], kinds: Sequence[str], out: list[str | None]) -> None:
    """Footnotes of a pasted web page: a number on a line of its own, then one sentence-ended line ("1" /
    "Statements by ..."), after a passage where that number is glued to a word as a marker ("agreed.1 What")."""
    for i, raw in enumerate(raws):
        lines = _lines_of(raw)
        if out[i] is not None or kinds[i] != "content" or len(lines) != 2:
            continue
        m = re.fullmatch(r"\s*(\d{1,3})\s*", lines[0])
        if not m or not _NOTE_TEXT.match(lines[1].strip()):
            continue
        marker = re.compile(rf"[^\W\d_][.,;:!?\"”’)]?{m.group(1)}(?=[\s\"”’)]|$)")
        if any(marker.search(r) for r in raws[:i]):
            out[i] = "footnote"


def _tail(raws: Sequence[str], kinds: Sequence[str], out: list[str | None]) -> None:
    """After the last body paragraph, a short passage next to boilerplate is boilerplate too: the end of a page is
    bios, footer links and slogans ("Substack is the home for great culture", "Teams" after "Text to speech"). It
    takes the reason of the boilerplate before it; page furniture and footnotes (PDF) are no anchor."""
    body = [i for i, raw in enumerate(raws) if out[i] is None and kinds[i] == "content" and len(raw.split()) >= 30
            and _SENTENCE_END.search(raw.strip())]
    if not body:
        return
    for i in range(body[-1] + 1, len(raws)):
        if out[i] is not None or kinds[i] != "content" or out[i - 1] is None or kinds[i - 1] != "content":
            continue
        if i + 1 < len(raws) and (out[i + 1] is None or kinds[i + 1] != "content"):
            continue
        words = len(raws[i].split())
        if words <= 10 or (words <= 12 and not _SENTENCE_END.search(raws[i].strip())):
            out[i] = out[i - 1]


def _comment_threads(raws: Sequence[str], kinds: Sequence[str], out: list[str | None]) -> None:
    """Comments known by their headers ("Lusine K." / "Feb 3, 2024" / text): a passage that holds such a header
    under a comments heading ("Responses (9)", "6 Comments", "Write a comment..."), or, when the page has two or
    more of them, one that comes after the first body paragraph and is short (comments follow the article; an
    article's own byline and date come before its body, and a dump's articles run long)."""
    heads: list[int] = []
    for i, raw in enumerate(raws):
        lines = _lines_of(raw)
        k = next((k for k in range(min(3, len(lines))) if comment_header(lines, k)), None)
        if k is None or kinds[i] != "content":
            continue
        if k and any(_COMMENTS_HEAD.match(ln.strip()) or line_reason(ln) == "comments" for ln in lines[:k]):
            out[i] = "comments"  # "Responses (9)" / "What are your thoughts?" / name / stamp / comment
            continue
        if not k:
            heads.append(i)
    if len(heads) < 2:
        return
    body = next((i for i, raw in enumerate(raws) if out[i] is None and kinds[i] == "content" and len(raw.split()) >= 30
                 and _SENTENCE_END.search(raw.strip())), None)
    if body is None:
        return
    # and something that only comment threads have: "Posted:" stamps, user handles, or Reply / Like / Quote links
    def cue(i: int) -> bool:
        lines = _lines_of(raws[i])
        return (bool(re.search(r"(?:^|[·•|—–-]\s)(?:posted|commented|replied)\b", " ".join(lines[:2]), _I))
                or bool(re.search(r"[_\d]", re.split(r"\s+[·•|—–-]\s+", lines[0])[0])))
    after = [ln.strip() for raw in raws[body + 1:] for ln in _lines_of(raw)]
    if not (all(cue(i) for i in heads) or any(re.match(r"^(?:reply|like|quote|report)(?: \(\d+\))?$", ln, _I) for ln in after)):
        return
    for i in heads:
        if body is not None and i > body and out[i] is None and len(raws[i].split()) <= 120:
            out[i] = "comments"


def _hard_wrapped(lines: list[str]) -> bool:
    """True for PDF-style hard-wrapped text, where a line break is not a paragraph break: a third or more
    of the line breaks fall inside a sentence (the next line starts in lower case, or the line ends
    with a hyphen or a comma)."""
    if len(lines) < 2:
        return False
    inside = sum(
        1 for a, b in zip(lines, lines[1:])
        if b.strip()[:1].islower() or a.rstrip().endswith(("-", ",")) and not b.strip()[:1].isupper()
    )
    return inside >= max(1, (len(lines) - 1) / 3)


def split_lines(text: str, passages: Sequence[Any], make: Any) -> list[Any]:
    """Cut each passage where a run of its lines is unmistakably boilerplate (menus, banners, "views: 72").

    ``passages`` have ``start``/``end`` offsets into ``text``; ``make(start, end, like)`` builds a new
    passage for the span ``[start, end)`` (``like``: the passage it came from, for its kind). Hard-
    wrapped passages (PDF text) are left whole. Returns the new passage list, still in order and still
    covering every non-whitespace character exactly once.
    """
    out: list[Any] = []
    for p in passages:
        if len(getattr(p, "spans", ())) > 1:  # interrupted by footnotes or page furniture: keep whole
            out.append(p)
            continue
        spans = []  # (start, end) of each non-blank line inside the passage
        pos = p.start
        for ln in text[p.start:p.end].splitlines(keepends=True):
            body = ln.rstrip("\r\n")
            if body.strip():
                lead = len(body) - len(body.lstrip())
                spans.append((pos + lead, pos + len(body.rstrip())))
            pos += len(ln)
        if len(spans) < 2 or _hard_wrapped([text[s:e] for s, e in spans]):
            out.append(p)
            continue
        reasons = menu_runs([text[s:e] for s, e in spans])
        # separator lines (no words) stay with what follows them; other lines are cut by their reason
        reasons = [r if r in SPLITTABLE and re.search(r"\w", text[s:e]) else None for r, (s, e) in zip(reasons, spans)]
        # a field among the fields of a feed entry ("Title: ..." / "Published: ..." / "Category: Politics") stays
        for k in range(1, len(spans)):
            if (reasons[k] == "metadata" and reasons[k - 1] is None and _ENTRY_FIELD.match(text[spans[k][0]:spans[k][1]])
                    and _ENTRY_FIELD.match(text[spans[k - 1][0]:spans[k - 1][1]])):
                reasons[k] = None
        # a date, byline or reading time right under a title ("8 min read · Feb 2, 2024") is the head's, not a cut
        for k in range(1, len(spans)):
            ln = text[spans[k][0]:spans[k][1]]
            if (reasons[k] == "metadata" and reasons[k - 1] is None and len(ln.split()) <= 12
                    and _headline_like(text[spans[k - 1][0]:spans[k - 1][1]])
                    and (DATE.search(ln) or _BYLINE.match(ln.strip()) or re.search(r"\bmin(?:ute)?s?\.? read\b", ln, _I))
                    and not re.match(r"^(?:tags?|categor|filed|posted in|keywords|topics?)\b", ln.strip(), _I)):
                reasons[k] = None
        if not any(reasons):
            out.append(p)
            continue
        groups: list[list[int]] = []  # runs of lines with the same reason (None = content)
        for i, r in enumerate(reasons):
            if groups and reasons[groups[-1][0]] == r:
                groups[-1].append(i)
            else:
                groups.append([i])
        if len(groups) == 1:
            out.append(p)
            continue
        for g in groups:
            s, e = spans[g[0]][0], spans[g[-1]][1]
            out.append(make(s, e, p))
    return out


def with_kind(passage: Any, **changes: Any) -> Any:
    """``dataclasses.replace`` for passages of any version (``kind``/``spans`` may be absent); a new
    ``start``/``end`` makes the passage one contiguous span."""
    fields = {f.name for f in dataclasses.fields(passage)}
    if "start" in changes and "spans" not in changes:
        changes["spans"] = ((changes["start"], changes["end"]),)
    return dataclasses.replace(passage, **{k: v for k, v in changes.items() if k in fields})

"""schemathesis hooks of .ci/conformance: what JSON Schema cannot say about Loom's API.

Every other rule of a request is in the OpenAPI document (types, bounds, patterns, enumerations,
the shape of each batch action), and a schema-valid request the server refuses is a failure.
Three kinds of value are valid only in the server's own terms, which no JSON Schema expresses:

- `filter` is an expression of a grammar (nesting, quoting, known fields per type), `q` is a
  search of at most 16 words, `expand` names relation paths (at most 8 counting the paths they
  extend, none repeated); a generated string that breaks those rules is refused with a 400
  naming exactly that parameter, as documented;
- `cursor` is a token the server signed; a generated one is refused with a 400 naming `cursor`
  (the stateful phase follows the documented `nextPage` link to send real ones);
- `If-Match` names the version of a record; a well-formed tag the record does not have is a
  412, which is what the header is for.

Only these refusals of schema-valid data are dropped, and only when the server's answer names
no other field; schemathesis counts every dropped failure in its report, and .ci/conformance
prints the count.
"""

import json

import schemathesis

SEMANTIC_PARAMETERS = {"filter", "q", "expand", "cursor"}


@schemathesis.hook
def filter_failure(context, failure, case, response):
    if type(failure).__name__ != "RejectedPositiveData":
        return True
    if response.status_code == 412 and case.headers and "If-Match" in case.headers:
        return False
    if response.status_code != 400:
        return True
    try:
        fields = {error.get("field") for error in (json.loads(response.content) or {}).get("errors", [])}
    except ValueError:
        return True
    return not (fields and fields <= SEMANTIC_PARAMETERS)

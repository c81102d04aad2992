/// `/openapi.json`: the API described in OpenAPI 3.1. The tests check real responses
/// against it (every documented key present, every answered key documented).
enum OpenAPISpec {
    static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "Jiansuo 检索 API",
        "version": "1",
        "description": "Full-text search over an index of Chinese reports. Offsets: `passage`, `highlights`, `start`/`end` and `passages` are UTF-8 byte offsets; every `highlightsUTF16` gives the same ranges in UTF-16 code units, as JavaScript indexes strings. Ranges are [start, end), end exclusive. `position` in an error counts characters of the query from 0. Pagination: results are in a stable order (score, then index order); `offset + limit` may reach 1000 at most."
      },
      "paths": {
        "/api/search": {
          "get": {
            "summary": "Ranked passages (BM25), as `jiansuo search --json`",
            "parameters": [
              {"$ref": "#/components/parameters/q"},
              {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 100, "default": 10}},
              {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 1000, "default": 0}},
              {"$ref": "#/components/parameters/years"},
              {"$ref": "#/components/parameters/collection"},
              {"$ref": "#/components/parameters/source"},
              {"name": "group", "in": "query", "schema": {"enum": ["passage", "doc"], "default": "passage"}, "description": "doc: each document's best passage"},
              {"$ref": "#/components/parameters/operator"},
              {"name": "snippet", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 2000, "default": 120}, "description": "characters of each snippet"},
              {"name": "exact_total", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 1000000, "default": 1000}, "description": "matches counted exactly at most; past it `total` may be a lower bound (`total_relation` gte)"}
            ],
            "responses": {
              "200": {"description": "Results", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResults"}}}},
              "4XX": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/count": {
          "get": {
            "summary": "Exact counts by year (as `jiansuo count --json`), document, collection or source",
            "parameters": [
              {"$ref": "#/components/parameters/q"},
              {"$ref": "#/components/parameters/years"},
              {"$ref": "#/components/parameters/collection"},
              {"$ref": "#/components/parameters/source"},
              {"name": "by", "in": "query", "schema": {"enum": ["year", "doc", "collection", "source"], "default": "year"}}
            ],
            "responses": {
              "200": {"description": "Counts", "content": {"application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/YearCounts"}, {"$ref": "#/components/schemas/GroupCounts"}]}}}},
              "4XX": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/kwic": {
          "get": {
            "summary": "Concordance: one line per occurrence, with left and right context",
            "parameters": [
              {"$ref": "#/components/parameters/q"},
              {"name": "sort", "in": "query", "schema": {"enum": ["year", "left", "right"], "default": "year"}},
              {"name": "width", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 80, "default": 30}, "description": "columns of context each side (a Han character is two)"},
              {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 2000, "default": 200}},
              {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 2000, "default": 0}},
              {"$ref": "#/components/parameters/years"},
              {"$ref": "#/components/parameters/collection"},
              {"$ref": "#/components/parameters/source"},
              {"$ref": "#/components/parameters/operator"}
            ],
            "responses": {
              "200": {"description": "Lines", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Concordance"}}}},
              "4XX": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/documents/{id}": {
          "get": {
            "summary": "A document's text and metadata, every hit of `q` highlighted",
            "parameters": [
              {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9a-f]{16}$"}, "description": "the `document` of a hit"},
              {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 500}},
              {"$ref": "#/components/parameters/operator"}
            ],
            "responses": {
              "200": {"description": "The document", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Document"}}}},
              "4XX": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/stats": {
          "get": {
            "summary": "What the index holds, as `jiansuo stats --json`",
            "responses": {
              "200": {"description": "Statistics", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Statistics"}}}},
              "4XX": {"$ref": "#/components/responses/Error"}
            }
          }
        }
      },
      "components": {
        "parameters": {
          "q": {"name": "q", "in": "query", "required": true, "schema": {"type": "string", "maxLength": 500}, "description": "the query: words, \"quoted phrases\", OR, -exclusions, year:2019, (year:2017 OR year:2023), heading:WORD, collection:NAME, source:NAME"},
          "years": {"name": "years", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{1,4}(-[0-9]{1,4})?$"}, "description": "a year or a range, e.g. 2010-2020"},
          "collection": {"name": "collection", "in": "query", "schema": {"type": "string"}, "description": "only documents of this collection (a `key` of count by=collection), as the query's collection:NAME"},
          "source": {"name": "source", "in": "query", "schema": {"type": "string"}, "description": "only documents whose metadata names this source (a `key` of count by=source), as the query's source:NAME"},
          "operator": {"name": "operator", "in": "query", "schema": {"enum": ["all", "any"], "default": "all"}}
        },
        "responses": {
          "Error": {"description": "The request was refused", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        },
        "schemas": {
          "Range": {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2},
          "Ranges": {"type": "array", "items": {"$ref": "#/components/schemas/Range"}},
          "Section": {"type": "array", "items": {"type": "string"}, "description": "the headings the passage stands under, outermost first; empty before a document's first heading"},
          "Error": {
            "type": "object", "required": ["error"],
            "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
              "code": {"type": "string"}, "message": {"type": "string"},
              "position": {"type": "integer", "description": "character of the query where parsing failed, from 0"}}}}
          },
          "Hit": {
            "type": "object",
            "required": ["rank", "score", "year", "path", "document", "title", "passage", "section", "text", "highlights", "highlightsUTF16", "snippet"],
            "properties": {
              "rank": {"type": "integer"}, "score": {"type": "number"}, "year": {"type": ["integer", "null"]},
              "path": {"type": "string"}, "document": {"type": "string"}, "title": {"type": "string"},
              "passage": {"type": "object", "required": ["start", "end"], "properties": {"start": {"type": "integer"}, "end": {"type": "integer"}}},
              "section": {"$ref": "#/components/schemas/Section"},
              "text": {"type": "string"},
              "highlights": {"$ref": "#/components/schemas/Ranges"}, "highlightsUTF16": {"$ref": "#/components/schemas/Ranges"},
              "snippet": {"type": "object", "required": ["text", "highlights", "highlightsUTF16"], "properties": {
                "text": {"type": "string"}, "highlights": {"$ref": "#/components/schemas/Ranges"}, "highlightsUTF16": {"$ref": "#/components/schemas/Ranges"}}}
            }
          },
          "SearchResults": {
            "type": "object", "required": ["query", "total", "total_relation", "hits", "offset", "limit", "parsed", "generation", "took_ms"],
            "properties": {
              "query": {"type": "string"}, "total": {"type": "integer", "description": "matching passages (documents with group=doc)"},
              "total_relation": {"enum": ["eq", "gte"], "description": "eq: total is exact; gte: a lower bound (counting stops past `exact_total` matches, default 1,000)"},
              "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
              "offset": {"type": "integer"}, "limit": {"type": "integer"},
              "parsed": {"type": "string", "description": "the query as the parser read it"},
              "generation": {"type": "integer", "description": "the index commit answered from"},
              "took_ms": {"type": "number", "description": "how long the server took to answer; every answer's took_ms is this, and a request already answered on the same commit is answered from memory"}
            }
          },
          "YearCounts": {
            "type": "object", "required": ["query", "years", "took_ms"],
            "properties": {
              "query": {"type": "string"}, "took_ms": {"type": "number"},
              "years": {"type": "array", "items": {"type": "object", "required": ["year", "documents", "passages", "occurrences", "characters", "per10kCharacters"], "properties": {
                "year": {"type": ["integer", "null"]}, "documents": {"type": "integer"}, "passages": {"type": "integer"},
                "occurrences": {"type": "integer"}, "characters": {"type": "integer", "description": "characters of all text of that year"},
                "per10kCharacters": {"type": "number"}}}}
            }
          },
          "GroupCounts": {
            "type": "object", "required": ["query", "by", "groups", "took_ms"],
            "properties": {
              "query": {"type": "string"}, "by": {"enum": ["doc", "collection", "source"]}, "took_ms": {"type": "number"},
              "groups": {"type": "array", "items": {"type": "object", "required": ["key", "documents", "passages", "occurrences"], "properties": {
                "key": {"type": "string", "description": "the document's path, the collection's name or the source (empty: none)"},
                "documents": {"type": "integer"}, "passages": {"type": "integer"}, "occurrences": {"type": "integer"}}}}
            }
          },
          "Concordance": {
            "type": "object", "required": ["query", "occurrences", "offset", "lines", "took_ms"],
            "properties": {
              "query": {"type": "string"}, "occurrences": {"type": "integer"}, "offset": {"type": "integer"}, "took_ms": {"type": "number"},
              "lines": {"type": "array", "items": {"type": "object", "required": ["year", "path", "document", "title", "start", "end", "section", "left", "match", "right"], "properties": {
                "year": {"type": ["integer", "null"]}, "path": {"type": "string"}, "document": {"type": "string"}, "title": {"type": "string"},
                "start": {"type": "integer"}, "end": {"type": "integer"}, "section": {"$ref": "#/components/schemas/Section"},
                "left": {"type": "string"}, "match": {"type": "string"}, "right": {"type": "string"}}}}
            }
          },
          "Document": {
            "type": "object", "required": ["id", "path", "title", "year", "query", "text", "passages", "highlights", "highlightsUTF16", "headings", "took_ms"],
            "properties": {
              "id": {"type": "string"}, "path": {"type": "string"}, "title": {"type": "string"}, "year": {"type": ["integer", "null"]},
              "query": {"type": ["string", "null"]}, "text": {"type": "string"},
              "passages": {"$ref": "#/components/schemas/Ranges"},
              "highlights": {"$ref": "#/components/schemas/Ranges"}, "highlightsUTF16": {"$ref": "#/components/schemas/Ranges"},
              "headings": {"type": "array", "description": "the document's headings in order, each one of its passages", "items": {"type": "object", "required": ["depth", "range", "rangeUTF16"], "properties": {
                "depth": {"type": "integer", "description": "1 for an outermost section, 2 within it, …"},
                "range": {"$ref": "#/components/schemas/Range"}, "rangeUTF16": {"$ref": "#/components/schemas/Range"}}}},
              "took_ms": {"type": "number"}
            }
          },
          "Statistics": {
            "type": "object", "required": ["documents", "passages", "tokens", "distinctTerms", "textBytes", "segments", "generation", "documentsByYear", "documentsOfUnknownYear", "bytesByFileKind", "sections", "passagesWithHeadingYear", "took_ms"],
            "properties": {
              "documents": {"type": "integer"}, "passages": {"type": "integer"}, "tokens": {"type": "integer"},
              "sections": {"type": "integer"}, "passagesWithHeadingYear": {"type": "integer", "description": "passages dated by a heading that names a year"},
              "distinctTerms": {"type": "integer"}, "textBytes": {"type": "integer"}, "segments": {"type": "integer"},
              "generation": {"type": "integer"}, "documentsOfUnknownYear": {"type": "integer"}, "took_ms": {"type": "number"},
              "documentsByYear": {"type": "array", "items": {"type": "object", "required": ["year", "documents"], "properties": {"year": {"type": "integer"}, "documents": {"type": "integer"}}}},
              "bytesByFileKind": {"type": "array", "items": {"type": "object", "required": ["kind", "bytes"], "properties": {"kind": {"type": "string"}, "bytes": {"type": "integer"}}}}
            }
          }
        }
      }
    }
    """#
}

#pragma once
// The OpenAPI 3.1 description served at /v1/openapi.json. tests/serve
// checks each answer of the server against its schemas (JSON Schema 2020-12).
#include <string_view>

namespace remit::serve {

inline constexpr std::string_view openapi_json = R"json({
  "openapi": "3.1.0",
  "info": {"title": "remit", "version": "1", "description": "Decisions put to schemes of delegation; every answer to eval, who and audit is logged (docs/serve.md)."},
  "paths": {
    "/v1/schemes": {"get": {"summary": "The schemes served", "responses": {"200": {"description": "schemes", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Schemes"}}}}}}},
    "/v1/schemes/{scheme}/versions": {"get": {"summary": "A scheme's versions", "parameters": [{"$ref": "#/components/parameters/scheme"}],
      "responses": {"200": {"description": "versions", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Versions"}}}}, "404": {"$ref": "#/components/responses/Problem"}}}},
    "/v1/schemes/{scheme}/eval": {"post": {"summary": "May this post take this decision?", "parameters": [{"$ref": "#/components/parameters/scheme"}],
      "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Decision"}}}},
      "responses": {"200": {"description": "the verdict of `remit eval --format json`", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Verdict"}}}},
        "400": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}, "503": {"$ref": "#/components/responses/Problem"}}}},
    "/v1/schemes/{scheme}/who": {"post": {"summary": "Who may take this decision?", "parameters": [{"$ref": "#/components/parameters/scheme"}],
      "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Decision"}}}},
      "responses": {"200": {"description": "the answer of `remit who --format json` (a verdict when an approver is given)", "content": {"application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/Who"}, {"$ref": "#/components/schemas/Verdict"}]}}}},
        "400": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}}},
    "/v1/schemes/{scheme}/audit": {"post": {"summary": "Audit a register", "parameters": [{"$ref": "#/components/parameters/scheme"},
        {"name": "format", "in": "query", "schema": {"enum": ["csv", "jsonl"]}}],
      "requestBody": {"required": true, "content": {"text/csv": {"schema": {"type": "string"}}, "application/jsonl": {"schema": {"type": "string"}}}},
      "responses": {"200": {"description": "the rows of `remit audit`", "content": {"text/csv": {"schema": {"type": "string"}}, "application/jsonl": {"schema": {"type": "string"}}}},
        "400": {"$ref": "#/components/responses/Problem"}}}},
    "/v1/schemes/{scheme}/matrix": {"get": {"summary": "The authority matrix of a version", "parameters": [{"$ref": "#/components/parameters/scheme"},
        {"name": "version", "in": "query", "schema": {"type": "string"}}, {"name": "format", "in": "query", "schema": {"enum": ["md", "csv", "html"]}}],
      "responses": {"200": {"description": "the matrix of `remit matrix`", "content": {"text/markdown": {"schema": {"type": "string"}}, "text/csv": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}}}},
        "400": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}}},
    "/v1/schemes/{scheme}/paragraphs/{para}": {"get": {"summary": "A paragraph across versions", "parameters": [{"$ref": "#/components/parameters/scheme"},
        {"name": "para", "in": "path", "required": true, "schema": {"type": "string"}}],
      "responses": {"200": {"description": "the paragraph, as `remit show --format json`", "content": {"application/json": {"schema": {"type": "object"}}}}, "404": {"$ref": "#/components/responses/Problem"}}}},
    "/v1/openapi.json": {"get": {"summary": "This description", "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}}}}
  },
  "components": {
    "parameters": {"scheme": {"name": "scheme", "in": "path", "required": true, "description": "the scheme's folder name", "schema": {"type": "string"}}},
    "responses": {"Problem": {"description": "RFC 9457 problem details", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}},
    "schemas": {
      "PostSets": {"type": "array", "items": {"type": "array", "items": {"type": "string"}}},
      "Citation": {"type": "object", "required": ["para", "version", "kind"], "properties": {"para": {"type": "string"}, "version": {"type": "string"}, "kind": {"type": "string"}, "post": {"type": "string"}, "text": {"type": "string"}, "location": {"type": "string"}}},
      "Requirement": {"type": "object", "required": ["item", "status", "para", "duty"], "properties": {"item": {"type": "string"}, "status": {"enum": ["met", "missing", "not_evidenced"]}, "para": {"type": "string"}, "duty": {"type": "boolean"}}},
      "Trace": {"type": "object", "required": ["para", "kind", "status", "reason"], "properties": {"para": {"type": "string"}, "kind": {"type": "string"}, "post": {"type": "string"}, "status": {"enum": ["applies", "not_applicable", "unknown", "set_aside"]}, "reason": {"type": "string"}}},
      "Decision": {"type": "object", "required": ["kind"], "properties": {"id": {"type": "string"}, "kind": {"type": "string"}, "date": {"type": "string"},
        "approver": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}, "acting_for": {"type": "object"}, "facts": {"type": "object"}, "evidence": {"type": "array", "items": {"type": "string"}}}},
      "Verdict": {"type": "object", "required": ["outcome", "scheme", "version", "kind", "approver", "provisions", "may_approve", "lowest", "requirements", "reason", "trace"],
        "properties": {"id": {"type": "string"}, "outcome": {"enum": ["authorised", "not_authorised", "no_authority", "undetermined"]}, "scheme": {"type": "string"}, "version": {"type": "string"},
          "kind": {"type": "string"}, "date": {"type": "string"}, "date_is_today": {"type": "boolean"}, "approver": {"type": "array", "items": {"type": "string"}}, "acting_for": {"type": "object"},
          "provisions": {"type": "array", "items": {"$ref": "#/components/schemas/Citation"}}, "may_approve": {"$ref": "#/components/schemas/PostSets"}, "may_approve_if": {"$ref": "#/components/schemas/PostSets"},
          "lowest": {"$ref": "#/components/schemas/PostSets"}, "requirements": {"type": "array", "items": {"$ref": "#/components/schemas/Requirement"}},
          "missing_facts": {"type": "array", "items": {"type": "string"}}, "conflicts": {"type": "array", "items": {"type": "string"}}, "reason": {"type": "string"},
          "trace": {"type": "array", "items": {"$ref": "#/components/schemas/Trace"}}}},
      "Who": {"type": "object", "required": ["answer", "scheme", "version", "kind", "may_approve", "lowest", "reason"], "not": {"required": ["outcome"]},
        "properties": {"answer": {"type": "string"}, "scheme": {"type": "string"}, "version": {"type": "string"}, "kind": {"type": "string"}, "date": {"type": "string"}, "date_is_today": {"type": "boolean"},
          "provisions": {"type": "array", "items": {"$ref": "#/components/schemas/Citation"}}, "may_approve": {"$ref": "#/components/schemas/PostSets"}, "may_approve_if": {"$ref": "#/components/schemas/PostSets"},
          "lowest": {"$ref": "#/components/schemas/PostSets"}, "requirements": {"type": "array", "items": {"$ref": "#/components/schemas/Requirement"}},
          "missing_facts": {"type": "array", "items": {"type": "string"}}, "reason": {"type": "string"}}},
      "Schemes": {"type": "object", "required": ["remit_version", "schemes"], "properties": {"remit_version": {"type": "string"}, "schemes": {"type": "array", "items": {"type": "object",
        "required": ["name", "title", "files_sha256", "loaded_at", "reload_rejected", "versions"], "properties": {"name": {"type": "string"}, "title": {"type": "string"},
          "files_sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"}, "loaded_at": {"type": "string"}, "reload_rejected": {"type": "boolean"}, "versions": {"type": "array", "items": {"type": "string"}}}}}}},
      "Versions": {"type": "object", "required": ["scheme", "versions"], "properties": {"scheme": {"type": "string"}, "versions": {"type": "array", "items": {"type": "object",
        "required": ["label", "from", "until", "file", "sha256", "kinds", "posts"], "properties": {"label": {"type": "string"}, "from": {"type": "string"}, "until": {"type": ["string", "null"]},
          "file": {"type": "string"}, "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"}, "kinds": {"type": "array", "items": {"type": "string"}}, "posts": {"type": "array", "items": {"type": "string"}}}}}}},
      "Problem": {"type": "object", "required": ["type", "title", "status", "detail"], "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
        "detail": {"type": "string"}, "findings": {"type": "object", "required": ["diagnostics"], "properties": {"diagnostics": {"type": "array", "items": {"type": "object", "required": ["severity", "code", "message"]}}}}}}
    }
  }
}
)json";

}  // namespace remit::serve

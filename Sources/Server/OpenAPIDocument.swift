/// The API's description, served at `/api/openapi.json`: OpenAPI 3.1, whose schemas are
/// JSON Schema 2020-12. Hand-written; the server tests check every route's live JSON
/// against these schemas, and every route of the server against its paths.
enum OpenAPIDocument {
    static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "healthscore",
        "version": "1.0.0",
        "summary": "Churn-risk health scores kept over scoring runs, read-only.",
        "description": "The score store as JSON: runs, the accounts of a run (filtered, searched, sorted, paged), one account with its change since the run before, its history (the JSON shape of the history command) and what changed between two runs (the shape of `healthscore changes` JSON). When the server was started with a token, every request needs `Authorization: Bearer TOKEN`. Only GET and HEAD are served; other methods get 405."
      },
      "servers": [{"url": "/"}],
      "security": [{}, {"bearer": []}],
      "paths": {
        "/api/v1/runs": {
          "get": {
            "operationId": "listRuns",
            "summary": "Every run, oldest first, with its totals by tier",
            "responses": {
              "200": {"description": "The runs", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RunList"}}}},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "503": {"$ref": "#/components/responses/Unavailable"}
            }
          }
        },
        "/api/v1/accounts": {
          "get": {
            "operationId": "listAccounts",
            "summary": "A page of a run's accounts",
            "description": "Filters combine; `total` counts every match; `next` is the address of the next page, null on the last.",
            "parameters": [
              {"name": "run", "in": "query", "description": "Run id; the latest run when absent", "schema": {"type": "integer", "minimum": 1}},
              {"name": "tier", "in": "query", "schema": {"$ref": "#/components/schemas/Tier"}},
              {"name": "owner", "in": "query", "description": "Exact owner", "schema": {"type": "string"}},
              {"name": "segment", "in": "query", "description": "Exact segment", "schema": {"type": "string"}},
              {"name": "q", "in": "query", "description": "Part of the name or the id, in any case", "schema": {"type": "string"}},
              {"name": "sort", "in": "query", "description": "risk: highest churn probability first; revenue: most revenue at risk first; change: largest fall in health score since the previous run first (ties: larger rise in churn probability first), accounts new in the run last", "schema": {"type": "string", "enum": ["risk", "revenue", "change"], "default": "risk"}},
              {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "default": 0}},
              {"name": "limit", "in": "query", "description": "Page size; larger values are cut to 200", "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}}
            ],
            "responses": {
              "200": {"description": "One page", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AccountList"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "404": {"$ref": "#/components/responses/NotFound"},
              "503": {"$ref": "#/components/responses/Unavailable"}
            }
          }
        },
        "/api/v1/accounts/{id}": {
          "get": {
            "operationId": "getAccount",
            "summary": "One account in a run, with its features beside typical values and its change since the run before",
            "parameters": [
              {"$ref": "#/components/parameters/AccountID"},
              {"name": "run", "in": "query", "description": "Run id; the latest run that has the account when absent", "schema": {"type": "integer", "minimum": 1}}
            ],
            "responses": {
              "200": {"description": "The account", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AccountDetail"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "404": {"$ref": "#/components/responses/NotFound"},
              "503": {"$ref": "#/components/responses/Unavailable"}
            }
          }
        },
        "/api/v1/accounts/{id}/history": {
          "get": {
            "operationId": "getAccountHistory",
            "summary": "The account in every run that has it, oldest first (the JSON shape of the history command)",
            "parameters": [{"$ref": "#/components/parameters/AccountID"}],
            "responses": {
              "200": {"description": "The history", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AccountHistory"}}}},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "404": {"$ref": "#/components/responses/NotFound"},
              "503": {"$ref": "#/components/responses/Unavailable"}
            }
          }
        },
        "/api/v1/changes": {
          "get": {
            "operationId": "getChanges",
            "summary": "What changed between two runs (the shape of changes JSON)",
            "description": "By default the latest run against the one before; `from` and `to` pick the latest run on or before each day.",
            "parameters": [
              {"name": "from", "in": "query", "schema": {"type": "string", "format": "date"}},
              {"name": "to", "in": "query", "schema": {"type": "string", "format": "date"}},
              {"name": "min_drop", "in": "query", "description": "Health points an account must lose to be listed without a tier change", "schema": {"type": "integer", "minimum": 0, "default": 10}}
            ],
            "responses": {
              "200": {"description": "The changes", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ChangeReport"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "404": {"$ref": "#/components/responses/NotFound"},
              "503": {"$ref": "#/components/responses/Unavailable"}
            }
          }
        }
      },
      "components": {
        "securitySchemes": {
          "bearer": {"type": "http", "scheme": "bearer", "description": "Needed when the server was started with a token"}
        },
        "parameters": {
          "AccountID": {"name": "id", "in": "path", "required": true, "description": "The account id, percent-encoded", "schema": {"type": "string"}}
        },
        "responses": {
          "BadRequest": {"description": "A parameter is not understood", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "Unauthorized": {"description": "The token is missing or wrong", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "NotFound": {"description": "No such account or run", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "Unavailable": {"description": "The store could not be read", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        },
        "schemas": {
          "Tier": {"type": "string", "enum": ["healthy", "watch", "at_risk"]},
          "Day": {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
          "Probability": {"type": "number", "minimum": 0, "maximum": 1},
          "HealthScore": {"type": "integer", "minimum": 0, "maximum": 100},
          "Error": {
            "type": "object", "additionalProperties": false, "required": ["error"],
            "properties": {"error": {"type": "object", "additionalProperties": false, "required": ["status", "message"],
              "properties": {"status": {"type": "integer"}, "message": {"type": "string"}}}}
          },
          "RunRef": {
            "type": "object", "additionalProperties": false, "required": ["id", "as_of", "model_fingerprint"],
            "properties": {"id": {"type": "integer"}, "as_of": {"$ref": "#/components/schemas/Day"}, "model_fingerprint": {"type": "string"}}
          },
          "TierCounts": {
            "type": "object", "additionalProperties": false, "required": ["at_risk", "watch", "healthy"],
            "properties": {"at_risk": {"type": "integer", "minimum": 0}, "watch": {"type": "integer", "minimum": 0}, "healthy": {"type": "integer", "minimum": 0}}
          },
          "TierAmounts": {
            "type": "object", "additionalProperties": false, "required": ["at_risk", "watch", "healthy"],
            "properties": {"at_risk": {"type": "number"}, "watch": {"type": "number"}, "healthy": {"type": "number"}}
          },
          "Run": {
            "type": "object", "additionalProperties": false,
            "required": ["id", "as_of", "created_at", "model_fingerprint", "model_as_of", "horizon_days", "at_risk_below", "watch_below", "account_count", "accounts_by_tier", "mrr_by_tier", "revenue_at_risk"],
            "properties": {
              "id": {"type": "integer"},
              "as_of": {"$ref": "#/components/schemas/Day"},
              "created_at": {"type": "string", "description": "When the run was recorded, ISO 8601 UTC"},
              "model_fingerprint": {"type": "string", "description": "SHA-256 of the model file, hex"},
              "model_as_of": {"$ref": "#/components/schemas/Day"},
              "horizon_days": {"type": "integer", "minimum": 1},
              "at_risk_below": {"type": "integer"},
              "watch_below": {"type": "integer"},
              "account_count": {"type": "integer", "minimum": 0},
              "accounts_by_tier": {"$ref": "#/components/schemas/TierCounts"},
              "mrr_by_tier": {"$ref": "#/components/schemas/TierAmounts"},
              "revenue_at_risk": {"type": "number", "description": "Sum of churn probability times MRR"}
            }
          },
          "RunList": {
            "type": "object", "additionalProperties": false, "required": ["runs"],
            "properties": {"runs": {"type": "array", "items": {"$ref": "#/components/schemas/Run"}}}
          },
          "AccountListItem": {
            "type": "object", "additionalProperties": false,
            "required": ["account_id", "name", "owner", "segment", "mrr", "churn_probability", "health_score", "tier", "revenue_at_risk", "top_reason", "churn_probability_previous", "health_score_previous"],
            "properties": {
              "account_id": {"type": "string"},
              "name": {"type": "string"},
              "owner": {"type": "string"},
              "segment": {"type": "string"},
              "mrr": {"type": ["number", "null"]},
              "churn_probability": {"$ref": "#/components/schemas/Probability"},
              "health_score": {"$ref": "#/components/schemas/HealthScore"},
              "tier": {"$ref": "#/components/schemas/Tier"},
              "revenue_at_risk": {"type": "number"},
              "top_reason": {"type": ["string", "null"]},
              "churn_probability_previous": {"type": ["number", "null"], "description": "In the run before; null when the account is new"},
              "health_score_previous": {"type": ["integer", "null"]}
            }
          },
          "AccountList": {
            "type": "object", "additionalProperties": false,
            "required": ["run", "previous_run", "total", "offset", "limit", "next", "accounts"],
            "properties": {
              "run": {"$ref": "#/components/schemas/RunRef"},
              "previous_run": {"oneOf": [{"$ref": "#/components/schemas/RunRef"}, {"type": "null"}]},
              "total": {"type": "integer", "minimum": 0, "description": "Accounts matching the filters, on all pages"},
              "offset": {"type": "integer", "minimum": 0},
              "limit": {"type": "integer", "minimum": 1, "maximum": 200},
              "next": {"type": ["string", "null"], "description": "Address of the next page; null on the last"},
              "accounts": {"type": "array", "maxItems": 200, "items": {"$ref": "#/components/schemas/AccountListItem"}}
            }
          },
          "FeatureReading": {
            "type": "object", "additionalProperties": false, "required": ["name", "value", "median", "healthy_median"],
            "properties": {
              "name": {"type": "string"},
              "value": {"type": ["number", "null"], "description": "As the model takes it (counts as ln(1 + count)); null when missing"},
              "median": {"type": ["number", "null"], "description": "Median over the run's accounts"},
              "healthy_median": {"type": ["number", "null"], "description": "Median over the run's healthy accounts"}
            }
          },
          "Terms": {
            "type": "object", "additionalProperties": false,
            "required": ["session_frequency", "session_duration", "nps", "marketing", "interactions", "tenure", "account_size", "model"],
            "properties": {
              "session_frequency": {"type": "number"}, "session_duration": {"type": "number"}, "nps": {"type": "number"},
              "marketing": {"type": "number"}, "interactions": {"type": "number"}, "tenure": {"type": "number"},
              "account_size": {"type": "number"}, "model": {"type": "number"}
            }
          },
          "Contributions": {
            "type": "object", "additionalProperties": false,
            "required": ["intercept", "session_frequency", "session_duration", "nps", "marketing", "interactions", "tenure", "account_size"],
            "properties": {
              "intercept": {"type": "number"},
              "session_frequency": {"type": "number"}, "session_duration": {"type": "number"}, "nps": {"type": "number"},
              "marketing": {"type": "number"}, "interactions": {"type": "number"}, "tenure": {"type": "number"},
              "account_size": {"type": "number"}
            }
          },
          "AccountChangeSinceRun": {
            "type": "object", "additionalProperties": false,
            "required": ["churn_probability_from", "churn_probability_to", "health_score_from", "health_score_to", "tier_from", "tier_to", "log_odds_change", "terms"],
            "properties": {
              "churn_probability_from": {"$ref": "#/components/schemas/Probability"},
              "churn_probability_to": {"$ref": "#/components/schemas/Probability"},
              "health_score_from": {"$ref": "#/components/schemas/HealthScore"},
              "health_score_to": {"$ref": "#/components/schemas/HealthScore"},
              "tier_from": {"$ref": "#/components/schemas/Tier"},
              "tier_to": {"$ref": "#/components/schemas/Tier"},
              "log_odds_change": {"type": "number", "description": "logit(to) - logit(from); the terms add up to it"},
              "terms": {"$ref": "#/components/schemas/Terms"}
            }
          },
          "AccountDetail": {
            "type": "object", "additionalProperties": false,
            "required": ["account_id", "name", "owner", "segment", "mrr", "churn_probability", "health_score", "tier", "revenue_at_risk", "reasons", "run", "log_odds", "contributions", "features", "previous_run", "change"],
            "properties": {
              "account_id": {"type": "string"},
              "name": {"type": "string"},
              "owner": {"type": "string"},
              "segment": {"type": "string"},
              "mrr": {"type": ["number", "null"]},
              "churn_probability": {"$ref": "#/components/schemas/Probability"},
              "health_score": {"$ref": "#/components/schemas/HealthScore"},
              "tier": {"$ref": "#/components/schemas/Tier"},
              "revenue_at_risk": {"type": "number"},
              "reasons": {"type": "array", "items": {"type": "string"}},
              "run": {"$ref": "#/components/schemas/RunRef"},
              "log_odds": {"type": "number"},
              "contributions": {"$ref": "#/components/schemas/Contributions"},
              "features": {"type": "array", "items": {"$ref": "#/components/schemas/FeatureReading"}},
              "previous_run": {"oneOf": [{"$ref": "#/components/schemas/RunRef"}, {"type": "null"}], "description": "Null when the account is not in the run before"},
              "change": {"oneOf": [{"$ref": "#/components/schemas/AccountChangeSinceRun"}, {"type": "null"}]}
            }
          },
          "HistoryEntry": {
            "type": "object", "additionalProperties": false,
            "required": ["run_id", "as_of", "churn_probability", "health_score", "tier", "reasons", "mrr", "revenue_at_risk", "model_fingerprint"],
            "properties": {
              "run_id": {"type": "integer"},
              "as_of": {"$ref": "#/components/schemas/Day"},
              "churn_probability": {"$ref": "#/components/schemas/Probability"},
              "health_score": {"$ref": "#/components/schemas/HealthScore"},
              "tier": {"$ref": "#/components/schemas/Tier"},
              "reasons": {"type": "array", "items": {"type": "string"}},
              "mrr": {"type": ["number", "null"]},
              "revenue_at_risk": {"type": "number"},
              "model_fingerprint": {"type": "string"}
            }
          },
          "AccountHistory": {
            "type": "object", "additionalProperties": false, "required": ["account_id", "runs"],
            "properties": {"account_id": {"type": "string"}, "runs": {"type": "array", "items": {"$ref": "#/components/schemas/HistoryEntry"}}}
          },
          "AccountChange": {
            "type": "object", "additionalProperties": false,
            "required": ["account_id", "name", "change", "churn_probability_from", "churn_probability_to", "health_score_from", "health_score_to", "tier_from", "tier_to", "revenue_at_risk_change", "log_odds_change", "terms"],
            "properties": {
              "account_id": {"type": "string"},
              "name": {"type": "string"},
              "change": {"type": "string", "enum": ["worse", "new", "gone"]},
              "churn_probability_from": {"type": ["number", "null"]},
              "churn_probability_to": {"type": ["number", "null"]},
              "health_score_from": {"type": ["integer", "null"]},
              "health_score_to": {"type": ["integer", "null"]},
              "tier_from": {"oneOf": [{"$ref": "#/components/schemas/Tier"}, {"type": "null"}]},
              "tier_to": {"oneOf": [{"$ref": "#/components/schemas/Tier"}, {"type": "null"}]},
              "revenue_at_risk_change": {"type": "number"},
              "log_odds_change": {"type": ["number", "null"]},
              "terms": {"oneOf": [{"$ref": "#/components/schemas/Terms"}, {"type": "null"}], "description": "Null unless the account is in both runs"}
            }
          },
          "ChangeReport": {
            "type": "object", "additionalProperties": false,
            "required": ["from", "to", "from_run", "to_run", "from_model", "to_model", "min_drop", "accounts"],
            "properties": {
              "from": {"$ref": "#/components/schemas/Day"},
              "to": {"$ref": "#/components/schemas/Day"},
              "from_run": {"type": "integer"},
              "to_run": {"type": "integer"},
              "from_model": {"type": "string"},
              "to_model": {"type": "string"},
              "min_drop": {"type": "integer", "minimum": 0},
              "accounts": {"type": "array", "items": {"$ref": "#/components/schemas/AccountChange"}}
            }
          }
        }
      }
    }
    """#
}

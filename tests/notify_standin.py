"""A small stand-in for GOV.UK Notify's API, on 127.0.0.1, so the Notify sender is tested for real without the
internet: the official client talks HTTP to it exactly as it would to Notify.

It checks what Notify checks, as Notify's API documentation describes it:
- the Authorization header carries a JWT signed with HS256 by the API key's secret, whose `iss` is the service id
  and whose `iat` is within 30 seconds of now (403 AuthError otherwise; 401 without a token);
- the body is JSON with a known `template_id`, a valid `phone_number` or `email_address`, and every placeholder
  of the template in `personalisation` (400 BadRequestError or ValidationError otherwise);
and answers as Notify does: 201 with the notification, or {"status_code", "errors": [{"error", "message"}]}.
Tests can make it answer 429 or 500 next, be slow, or be down altogether.
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt

SERVICE_ID = "2b7a2c2e-5d3b-4c55-9f0e-6a1d2b3c4d5e"
SECRET = "8f1e2d3c-4b5a-4968-8776-655443322110"
API_KEY = f"orbit_test-{SERVICE_ID}-{SECRET}"
EMAIL_TEMPLATE = "11111111-2222-4333-8444-555555555555"
SMS_TEMPLATE = "66666666-7777-4888-9999-000000000000"
# Each template's placeholders, as the council sets them up in Notify (README: "Setting up GOV.UK Notify").
TEMPLATES = {EMAIL_TEMPLATE: ("email", ("subject", "body")), SMS_TEMPLATE: ("sms", ("body",))}
UK_MOBILE = re.compile(r"^(?:\+44|0044|44|0)7\d{9}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
ANSWERS = {
    429: ("RateLimitError", "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds"),
    500: ("Exception", "Internal server error"),
}


@dataclass
class Received:
    kind: str
    body: dict[str, Any]


@dataclass
class NotifyStandIn:
    secret: str = SECRET
    service_id: str = SERVICE_ID
    received: list[Received] = field(default_factory=list)  # every notification accepted (201)
    refused: list[tuple[int, str]] = field(default_factory=list)  # every refusal: (status, Notify's message)
    next_answers: list[int] = field(default_factory=list)  # statuses to answer with next (429, 500, ...)
    delay: float = 0.0
    port: int = 0
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> NotifyStandIn:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # quiet
                return

            def do_POST(self) -> None:
                status, answer = standin._answer(self)
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        server.daemon_threads = True
        self.port = server.server_address[1]
        self._server = server
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Notify is down: nothing listens on the port until `start()` again."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # What Notify checks -------------------------------------------------------------------------------------

    def _answer(self, request: BaseHTTPRequestHandler) -> tuple[int, dict[str, Any]]:
        if self.delay:
            time.sleep(self.delay)
        kind = {"/v2/notifications/sms": "sms", "/v2/notifications/email": "email"}.get(request.path)
        if kind is None:
            return self._error(404, "BadRequestError", "Not found")
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return self._error(401, "AuthError", "Unauthorized: authentication token must be provided")
        refused = self._check_token(header.removeprefix("Bearer "))
        if refused:
            return self._error(403, "AuthError", refused)
        with self._lock:
            forced = self.next_answers.pop(0) if self.next_answers else None
        if forced is not None:
            return self._error(forced, *ANSWERS[forced])
        if "application/json" not in request.headers.get("Content-Type", ""):
            return self._error(400, "BadRequestError", "Content-Type must be application/json")
        length = int(request.headers.get("Content-Length") or 0)
        try:
            body = json.loads(request.rfile.read(length) or b"null")
        except ValueError:
            return self._error(400, "BadRequestError", "Invalid JSON supplied in POST data")
        if not isinstance(body, dict):
            return self._error(400, "BadRequestError", "Invalid JSON supplied in POST data")
        refused_body = self._check_body(kind, body)
        if refused_body:
            return refused_body
        with self._lock:
            self.received.append(Received(kind, body))
        return 201, self._created(kind, body)

    def _check_token(self, token: str) -> str | None:
        try:
            header = jwt.get_unverified_header(token)
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            return "Invalid token: signature, api token not found"
        if header.get("alg") != "HS256" or header.get("typ") != "JWT":
            return "Invalid token: algorithm used is not HS256"
        if claims.get("iss") != self.service_id:
            return "Invalid token: service not found"
        if "iat" not in claims:
            return "Invalid token: API key not found"
        try:
            jwt.decode(token, key=self.secret, algorithms=["HS256"], options={"verify_iat": False})
        except jwt.PyJWTError:
            return "Invalid token: signature, api token not found"
        if abs(time.time() - int(claims["iat"])) > 30:
            return "Error: Your system clock must be accurate to within 30 seconds"
        return None

    def _check_body(self, kind: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
        template_id = body.get("template_id")
        try:
            uuid.UUID(str(template_id))
        except ValueError:
            return self._error(400, "ValidationError", "template_id is not a valid UUID")
        template = TEMPLATES.get(str(template_id))
        if template is None or template[0] != kind:
            return self._error(400, "BadRequestError", "Template not found")
        if kind == "sms":
            number = re.sub(r"[\s\-()]", "", str(body.get("phone_number") or ""))
            if not UK_MOBILE.match(number):
                return self._error(400, "ValidationError", "phone_number Not a UK mobile number")
        elif not EMAIL.match(str(body.get("email_address") or "")):
            return self._error(400, "ValidationError", "email_address Not a valid email address")
        personalisation = body.get("personalisation") or {}
        missing = [name for name in template[1] if name not in personalisation]
        if missing:
            return self._error(400, "BadRequestError", f"Missing personalisation: {', '.join(missing)}")
        reference = body.get("reference")
        if reference is not None and not isinstance(reference, str):
            return self._error(400, "ValidationError", "reference is not of type string")
        return None

    def _error(self, status: int, error: str, message: str) -> tuple[int, dict[str, Any]]:
        with self._lock:
            self.refused.append((status, message))
        return status, {"status_code": status, "errors": [{"error": error, "message": message}]}

    def _created(self, kind: str, body: dict[str, Any]) -> dict[str, Any]:
        notification_id = str(uuid.uuid4())
        personalisation = body.get("personalisation") or {}
        content: dict[str, Any] = {"body": personalisation.get("body", "")}
        if kind == "sms":
            content["from_number"] = "Orbit"
        else:
            content["subject"] = personalisation.get("subject", "")
            content["from_email"] = "orbit@notifications.service.gov.uk"
        return {
            "id": notification_id,
            "reference": body.get("reference"),
            "content": content,
            "uri": f"{self.base_url}/v2/notifications/{notification_id}",
            "template": {
                "id": body["template_id"],
                "version": 1,
                "uri": f"{self.base_url}/services/{self.service_id}/templates/{body['template_id']}",
            },
        }

"""The tool's RS256 key: made once and kept in the database, published as a JWKS, used to sign messages."""

from __future__ import annotations

import json
import secrets
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm


def generate_key() -> tuple[str, str]:
    """A new (kid, private key PEM), RSA 2048."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    return secrets.token_hex(8), pem


def public_jwks(kid: str, private_pem: str) -> dict[str, Any]:
    private = serialization.load_pem_private_key(private_pem.encode(), password=None)
    assert isinstance(private, rsa.RSAPrivateKey)
    jwk = json.loads(RSAAlgorithm.to_jwk(private.public_key()))
    return {"keys": [{**jwk, "kid": kid, "alg": "RS256", "use": "sig"}]}


def sign(claims: dict[str, Any], kid: str, private_pem: str) -> str:
    return jwt.encode(claims, private_pem, algorithm="RS256", headers={"kid": kid})

"""A session endpoint in the shape XpertAI's ChatKit docs describe: FastAPI `POST
/api/create-session` taking `{ xpertId }` and calling `/v1/chatkit/sessions` with httpx and the API
key. Nothing in it is specific to our server: point XPERTAI_API_BASE_URL at a self-hosted ChatKit
server (`http://127.0.0.1:8787/api/ai`) and it mints sessions there. It also serves the built page
(`dist/`).
"""
import os
import uuid

import httpx
from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel

XPERTAI_API_BASE_URL = os.environ.get("XPERTAI_API_BASE_URL", "https://api.xpertai.cn/api/ai")
XPERTAI_API_KEY = os.environ.get("XPERTAI_API_KEY", "")

app = FastAPI()


class CreateSessionRequest(BaseModel):
    xpertId: str


@app.post("/api/create-session")
async def create_session(body: CreateSessionRequest, request: Request, response: Response):
    # The browser sends its cookies (credentials: 'include'): one user id per browser.
    user_id = request.cookies.get("chatkit_user") or str(uuid.uuid4())
    response.set_cookie("chatkit_user", user_id, httponly=True, samesite="lax")
    async with httpx.AsyncClient(timeout=10) as client:
        upstream = await client.post(
            f"{XPERTAI_API_BASE_URL}/v1/chatkit/sessions",
            headers={"Authorization": f"Bearer {XPERTAI_API_KEY}"},
            json={"assistant": {"id": body.xpertId}, "user": user_id},
        )
    if upstream.status_code != 200:
        raise HTTPException(status_code=upstream.status_code, detail=upstream.text)
    data = upstream.json()
    return {"client_secret": data["client_secret"], "expires_at": data["expires_at"]}


@app.get("/config.json")
async def config():
    # Where the page finds the ChatKit frame and API (the same server the sessions come from).
    return {"apiUrl": XPERTAI_API_BASE_URL, "frameUrl": os.environ.get("CHATKIT_FRAME_URL", "")}


app.mount("/", StaticFiles(directory="dist", html=True), name="page")

# tiktok-mock: docker build -t tiktok-mock . && docker run -p 8000:8000 -e TIKTOK_MOCK_CONTROL_TOKEN=s3cret tiktok-mock
# (tests/test_packaging.py builds its wheel from exactly what the build stage copies)
FROM python:3.12-slim AS build
WORKDIR /src
COPY pyproject.toml README.md LICENSE ./
COPY mock_server ./mock_server
COPY fixtures ./fixtures
COPY openapi ./openapi
COPY arazzo ./arazzo
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels \
    && useradd --create-home --uid 10001 tiktok
USER tiktok
EXPOSE 8000
# The control API answers loopback clients only, and the host is not loopback inside a container:
# `-e TIKTOK_MOCK_CONTROL_TOKEN=TOKEN` opens it to clients that send `Authorization: Bearer TOKEN`.
# The banner shows http://127.0.0.1:8000; with another host port, also pass -e TIKTOK_MOCK_PUBLIC_URL=...
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/_mock/health').status != 200)"
ENTRYPOINT ["tiktok-mock", "--host", "0.0.0.0", "--port", "8000"]

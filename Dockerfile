# tiktok-mock: docker build -t tiktok-mock . && docker run -p 8000:8000 tiktok-mock
FROM python:3.12-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY mock_server ./mock_server
COPY fixtures ./fixtures
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels \
    && useradd --create-home --uid 10001 tiktok
USER tiktok
EXPOSE 8000
# The control API answers loopback clients only; pass --control-token to reach it from outside.
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/_mock/health').status != 200)"
ENTRYPOINT ["tiktok-mock", "--host", "0.0.0.0", "--port", "8000"]

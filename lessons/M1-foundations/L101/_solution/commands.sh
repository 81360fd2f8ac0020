# L101 — build catalog-api from the fixed Dockerfile, run it with its port published, and smoke-test it.
# A learner types these as `npx ecs-dojo docker …` and `npx ecs-dojo curl …` in a folder holding
# Dockerfile, server.js and package.json.

docker build -t catalog-api:1.0 .

# The image should show no DB_PASSWORD: nothing secret in its history.
docker history catalog-api:1.0

# The password arrives at run time; host port 8080 → container port 8080, where server.js listens.
docker run -d --name catalog-api -p 8080:8080 -e DB_PASSWORD=local-only catalog-api:1.0
docker ps
curl -f http://localhost:8080/health

# The Dockerfile says EXPOSE 80, so the learner publishes container port 80; server.js listens on 8080.
docker build -t catalog-api:1.0 .
docker run -d --name catalog-api -p 8080:80 -e DB_PASSWORD=local-only catalog-api:1.0
curl -f http://localhost:8080/health

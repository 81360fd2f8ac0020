# Host port 3000 is published to the app's port 8080, but curl asks for 8080 on the host.
docker build -t catalog-api:1.0 .
docker run -d --name catalog-api -p 3000:8080 -e DB_PASSWORD=local-only catalog-api:1.0
curl -f http://localhost:8080/health

# The secret stays in the Dockerfile; the build succeeds (BuildKit only warns) and the value is in the image.
docker build -t catalog-api:1.0 .
docker history catalog-api:1.0
docker run -d --name catalog-api -p 8080:8080 catalog-api:1.0
curl -f http://localhost:8080/health

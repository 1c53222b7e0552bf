/* Swagger UI for /docs, started from a file (the CSP forbids inline script). */
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui" });
});

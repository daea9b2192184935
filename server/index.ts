// The spec-driven in-memory Kubernetes API server (`kubegen serve`, `startApiServer`).
export {};

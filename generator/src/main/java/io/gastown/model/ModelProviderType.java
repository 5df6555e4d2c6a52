package io.gastown.model;

public enum ModelProviderType {
  litellm,
  anthropic,
  openai,
  ollama
}

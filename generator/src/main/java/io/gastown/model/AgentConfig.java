package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class AgentConfig {
  @JsonPropertyDescription("Model provider: litellm, anthropic, openai or ollama.")
  private ModelProviderType provider;

  @Size(max = 256)
  @JsonPropertyDescription("Model name, e.g. claude-sonnet-4 or gpt-4o.")
  private String model;

  @JsonPropertyDescription("Endpoint and key of the model provider (e.g. a LiteLLM proxy).")
  private ModelProvider modelProvider;

  @Size(max = 512)
  @JsonPropertyDescription("Image of a custom agent.")
  private String image;

  @JsonPropertyDescription("Command of a custom agent (no shell is involved).")
  private List<String> command;

  @JsonPropertyDescription("Arguments of a custom agent.")
  private List<String> args;

  @JsonPropertyDescription("Extra environment variables for the agent container.")
  private List<EnvVar> env;

  @JsonPropertyDescription("ConfigMap mounted at /etc/gastown/agent for agent configuration files.")
  private ConfigMapReference configMapRef;

  public ModelProviderType getProvider() {
    return provider;
  }

  public void setProvider(ModelProviderType provider) {
    this.provider = provider;
  }

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public ModelProvider getModelProvider() {
    return modelProvider;
  }

  public void setModelProvider(ModelProvider modelProvider) {
    this.modelProvider = modelProvider;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public List<String> getCommand() {
    return command;
  }

  public void setCommand(List<String> command) {
    this.command = command;
  }

  public List<String> getArgs() {
    return args;
  }

  public void setArgs(List<String> args) {
    this.args = args;
  }

  public List<EnvVar> getEnv() {
    return env;
  }

  public void setEnv(List<EnvVar> env) {
    this.env = env;
  }

  public ConfigMapReference getConfigMapRef() {
    return configMapRef;
  }

  public void setConfigMapRef(ConfigMapReference configMapRef) {
    this.configMapRef = configMapRef;
  }
}

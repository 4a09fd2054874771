namespace Community.Content;

/// <summary>The bytes start like an image of a format we accept but do not hold a well-formed one.</summary>
public sealed class InvalidImageException(string message) : Exception(message);

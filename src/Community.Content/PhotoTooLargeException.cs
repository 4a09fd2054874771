namespace Community.Content;

/// <summary>The photo's header declares more pixels than <see cref="PhotoPipeline.MaxPixels"/>; nothing was decoded.</summary>
public sealed class PhotoTooLargeException(string message) : Exception(message);

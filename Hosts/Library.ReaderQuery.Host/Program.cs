using Library.BuildingBlocks.Hosting;
using Library.BuildingBlocks.Messaging;
using Library.Reader.Query;

var builder = WebApplication.CreateBuilder(args);
builder.AddLibraryHost(ReaderQueryModule.Name);
builder.Services.AddLibraryMessaging(builder.Configuration);
builder.Services.AddReaderQueryModule(builder.Configuration);

var app = builder.Build();
app.UseLibraryHost();
app.MapReaderQueryEndpoints();
await app.RunLibraryHostAsync(args);

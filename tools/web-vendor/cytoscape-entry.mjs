// Cytoscape.js with the fcose layout and edge handles registered, as one module.
import cytoscape from "cytoscape";
import fcose from "cytoscape-fcose";
import edgehandles from "cytoscape-edgehandles";

cytoscape.use(fcose);
cytoscape.use(edgehandles);
export default cytoscape;

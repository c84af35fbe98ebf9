document.getElementById("route").textContent = "this one is " + location.pathname;

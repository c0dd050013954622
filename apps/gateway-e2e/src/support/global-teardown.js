module.exports = () => require('./global-setup.js').stopSharedPlatform();
